// Signed event streams against the AWS SDK for JavaScript: each event's signature against
// SignatureV4.signMessage, whole streams byte for byte against @aws-sdk/eventstream-handler-node
// (the SDK's own signing pipeline), and the streaming verifier on what the SDK sends.
import { type PassThrough, Readable } from "node:stream";
import { Sha256 } from "@aws-crypto/sha256-js";
import { eventStreamPayloadHandlerProvider } from "@aws-sdk/eventstream-handler-node";
import { decodeMessage, encodeMessage, eventMessage, type Message } from "@seqstore/eventstream";
import { SignatureV4 } from "@smithy/signature-v4";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createEventSigningStream,
  EventStreamSigner,
  encodedDateHeader,
  STREAMING_EVENTS_PAYLOAD,
  seedSignature,
} from "../src/event-stream.js";
import { type VerifyOptions, verifiedBody, verifyStreamingRequest } from "../src/verify/index.js";
import {
  ACCESS_KEY_ID,
  ACCOUNT_ID,
  oracleSign,
  received,
  SECRET_ACCESS_KEY,
  SIGNING_DATE,
  singleKeyVerifyOptions,
} from "./oracle.js";

const REGION = "us-east-1";
const SERVICE = "omics";
const credentials = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY };
const sdkSigner = new SignatureV4({ service: SERVICE, region: REGION, sha256: Sha256, credentials });
const URL_ = "https://omics.us-east-1.amazonaws.com/stream";

const text = (value: string) => new TextEncoder().encode(value);
const at = (ms: number) => new Date(SIGNING_DATE.getTime() + ms);
const EVENTS: Message[] = [
  eventMessage("chunk", { body: text("first part"), contentType: "application/octet-stream" }),
  eventMessage("chunk", { body: new Uint8Array(70_000).fill(3), contentType: "application/octet-stream" }),
  eventMessage("done", { headers: { count: { type: "long", value: 2n } } }),
];
const DATES = [at(1_234), at(2_500), at(61_000), at(62_001)];

async function signedHead() {
  const headers = await oracleSign({
    method: "POST",
    url: URL_,
    headers: {
      "content-type": "application/vnd.amazon.eventstream",
      "x-amz-content-sha256": STREAMING_EVENTS_PAYLOAD,
    },
  });
  return { headers, seed: seedSignature(headers.authorization as string) };
}

/** The SDK's pipeline: encoded messages plus its empty end frame through EventStreamPayloadHandler. */
async function sdkStream(
  seedHeaders: Record<string, string>,
  messages: readonly Uint8Array[],
  dates: readonly Date[],
) {
  // The signing stream reads the clock once per event (Date.now); hand it the dates in order.
  let clock = 0;
  const now = vi.spyOn(Date, "now").mockImplementation(() => (dates[clock++] as Date).getTime());
  const handler = eventStreamPayloadHandlerProvider({
    messageSigner: async () => sdkSigner,
    utf8Encoder: (bytes: Uint8Array) => new TextDecoder().decode(bytes),
    utf8Decoder: (value: string) => new TextEncoder().encode(value),
  } as unknown as Parameters<typeof eventStreamPayloadHandlerProvider>[0]);
  const frames: Uint8Array[] = [];
  await handler.handle(
    (async (args: { request: { body: PassThrough } }) => {
      for await (const frame of args.request.body) frames.push(frame as Uint8Array);
      return { output: {}, response: {} };
    }) as never,
    {
      request: { headers: seedHeaders, body: Readable.from([...messages, new Uint8Array(0)]), query: {} },
      input: {},
    } as never,
  );
  now.mockRestore();
  expect(clock).toBe(messages.length + 1);
  return frames;
}

async function ourStream(seed: string, messages: readonly Uint8Array[], dates: readonly Date[]) {
  let next = 0;
  const signing = createEventSigningStream({
    ...credentials,
    region: REGION,
    service: SERVICE,
    seedSignature: seed,
    now: () => dates[next++] as Date,
  });
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const message of messages) controller.enqueue(message);
      controller.close();
    },
  });
  const frames: Uint8Array[] = [];
  const reader = source.pipeThrough(signing).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return frames;
    frames.push(value);
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("event signing against the AWS SDK", () => {
  it("signs each event as SignatureV4.signMessage does, for any payload, date and prior signature", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.integer({ min: 0, max: 3 * 86_400_000 }),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        async (payload, offset, prior) => {
          const date = at(offset);
          const signer = new EventStreamSigner({
            ...credentials,
            region: REGION,
            service: SERVICE,
            seedSignature: prior,
            now: () => date,
          });
          const envelope = decodeMessage(await signer.sign(payload));
          const theirs = await sdkSigner.sign(
            {
              message: { headers: { ":date": { type: "timestamp", value: date } }, body: payload },
              priorSignature: prior,
            },
            { signingDate: date },
          );
          expect(
            Buffer.from((envelope.headers[":chunk-signature"] as { value: Uint8Array }).value).toString(
              "hex",
            ),
          ).toBe(theirs.signature);
          expect(envelope.headers[":date"]).toEqual({ type: "timestamp", value: date });
          expect(envelope.body).toEqual(payload);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("produces the SDK pipeline's stream byte for byte, end frame included", async () => {
    const { headers, seed } = await signedHead();
    const messages = EVENTS.map((m) => encodeMessage(m));
    const theirs = await sdkStream(headers, messages, DATES);
    const ours = await ourStream(seed, messages, DATES);
    expect(theirs).toHaveLength(4);
    expect(ours).toEqual(theirs.map((frame) => new Uint8Array(frame)));
  });

  it("chains calls in order, refuses events after the end frame, and reads the seed from Authorization", async () => {
    const signer = new EventStreamSigner({
      ...credentials,
      region: REGION,
      service: SERVICE,
      seedSignature: "0".repeat(64),
      now: () => SIGNING_DATE,
    });
    const [a, b] = await Promise.all([signer.sign(text("a")), signer.sign(text("b"))]);
    expect(decodeMessage(a as Uint8Array).body).toEqual(text("a"));
    expect(decodeMessage(b as Uint8Array).body).toEqual(text("b"));
    await signer.end();
    await expect(signer.sign(text("c"))).rejects.toThrow(/was ended/);
    expect(() => seedSignature("AWS4-HMAC-SHA256 Credential=x")).toThrow(/no SigV4 signature/);
    expect(encodedDateHeader(new Date(0))).toEqual(
      Uint8Array.from([5, 58, 100, 97, 116, 101, 8, 0, 0, 0, 0, 0, 0, 0, 0]),
    );
  });
});

const options = singleKeyVerifyOptions;

function concat(parts: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

/** Verifies `frames` split into chunks of `size` bytes; returns the delivered payloads and the verdict. */
async function verifyStream(
  headers: Record<string, string>,
  frames: readonly Uint8Array[],
  size = 1000,
  overrides: Partial<VerifyOptions> = {},
) {
  const { body: _, ...head } = received(URL_, "POST", headers);
  const verification = verifyStreamingRequest(head, options(overrides));
  if (!verification.ok) return { delivered: [], failure: verification };
  const bytes = concat(frames);
  const delivered: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) {
    const problem = verification.update(bytes.subarray(i, i + size), (payload) => delivered.push(payload));
    if (problem) return { delivered, failure: problem };
  }
  const verdict = verification.finish();
  return { delivered, failure: verdict.ok ? undefined : verdict, verification };
}

describe("verifyStreamingRequest on a signed event stream", () => {
  it("accepts the SDK's stream in any chunking and delivers each event's message", async () => {
    const { headers } = await signedHead();
    const frames = await sdkStream(
      headers,
      EVENTS.map((m) => encodeMessage(m)),
      DATES,
    );
    for (const size of [1, 7, 1000, 1 << 20]) {
      const { delivered, failure, verification } = await verifyStream(headers, frames, size);
      expect(failure).toBeUndefined();
      expect(verification?.payload).toBe("events");
      expect(verification?.authenticated).toMatchObject({
        ok: true,
        accessKeyId: ACCESS_KEY_ID,
        accountId: ACCOUNT_ID,
      });
      expect(delivered.map((bytes) => decodeMessage(bytes))).toEqual(EVENTS);
    }
  });

  it("accepts our signer's stream too", async () => {
    const { headers, seed } = await signedHead();
    const frames = await ourStream(
      seed,
      EVENTS.map((m) => encodeMessage(m)),
      DATES,
    );
    expect((await verifyStream(headers, frames)).failure).toBeUndefined();
  });

  const tampered: [string, (frames: Uint8Array[]) => Uint8Array[], RegExp][] = [
    [
      "a payload changed (CRCs recomputed)",
      (f) => [
        f[0] as Uint8Array,
        resign(f[1] as Uint8Array, (m) => ({ ...m, body: text("forged") })),
        ...f.slice(2),
      ],
      /signature of event 2 does not match/,
    ],
    [
      "two events swapped",
      (f) => [f[1] as Uint8Array, f[0] as Uint8Array, ...f.slice(2)],
      /signature of event 1 does not match/,
    ],
    ["an event dropped", (f) => [f[0] as Uint8Array, ...f.slice(2)], /signature of event 2 does not match/],
    ["the end frame cut off", (f) => f.slice(0, 3), /ended after 3 events without its signed end frame/],
    [
      "a frame cut in half",
      (f) => [...f.slice(0, 2), (f[2] as Uint8Array).subarray(0, 20)],
      /malformed signed event stream: the stream ended inside message 3/,
    ],
    ["data after the end frame", (f) => [...f, f[0] as Uint8Array], /event 5 arrived after the signed end/],
    [
      "an event without :chunk-signature",
      (f) => [
        resign(f[0] as Uint8Array, (m) => ({ ...m, headers: { ":date": m.headers[":date"] as never } })),
      ],
      /must carry a ':date' timestamp header and a 32-byte ':chunk-signature'/,
    ],
  ];

  it.each(tampered)("refuses %s", async (_name, edit, message) => {
    const { headers } = await signedHead();
    const frames = await sdkStream(
      headers,
      EVENTS.map((m) => encodeMessage(m)),
      DATES,
    );
    const { failure } = await verifyStream(headers, edit(frames.map((f) => new Uint8Array(f))));
    expect(failure?.message).toMatch(message);
    expect(failure?.ok).toBe(false);
  });

  it("refuses an event dated outside the allowed skew", async () => {
    const { headers } = await signedHead();
    const frames = await sdkStream(
      headers,
      EVENTS.map((m) => encodeMessage(m)),
      DATES,
    );
    const { failure } = await verifyStream(headers, frames, 1000, {
      now: at(-4 * 60_000),
      maxSkewMs: 5 * 60_000,
    });
    expect(failure).toMatchObject({
      code: "RequestExpired",
      message: expect.stringMatching(/event 3 is dated 2024-01-01T00:01:01.000Z/),
    });
  });

  it("verifiedBody yields the verified events and throws on a forged one", async () => {
    const { headers } = await signedHead();
    const frames = await sdkStream(
      headers,
      EVENTS.map((m) => encodeMessage(m)),
      DATES,
    );
    const { body: _, ...head } = received(URL_, "POST", headers);
    const good = verifyStreamingRequest(head, options());
    if (!good.ok) throw new Error(good.message);
    const out: Uint8Array[] = [];
    for await (const bytes of verifiedBody(Readable.from(frames.map((f) => Buffer.from(f))), good))
      out.push(bytes);
    expect(out.map((b) => decodeMessage(b))).toEqual(EVENTS);
    const bad = verifyStreamingRequest(head, options());
    if (!bad.ok) throw new Error(bad.message);
    const forged = [frames[0] as Uint8Array, frames[2] as Uint8Array];
    await expect(async () => {
      for await (const _bytes of verifiedBody(Readable.from(forged.map((f) => Buffer.from(f))), bad));
    }).rejects.toMatchObject({
      name: "SignatureVerificationError",
      failure: { code: "SignatureDoesNotMatch" },
    });
  });
});

/** Decodes a frame, edits it, encodes it again (valid CRCs, stale signature). */
function resign(frame: Uint8Array, edit: (message: Message) => Message): Uint8Array {
  return encodeMessage(edit(decodeMessage(frame)));
}
