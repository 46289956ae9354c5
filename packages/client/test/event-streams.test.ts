// The client's event-stream payloads, without a server: union values to the bytes a request body
// carries and back, modeled and unmodeled errors inside a stream, and the refusals.
import {
  decodeMessages,
  encodeMessages,
  errorMessage,
  EventStreamError,
  EventStreamRemoteError,
  readEventStreamMessage,
} from "@seqstore/eventstream";
import { describe, expect, it } from "vitest";
import {
  type EventStreamDescription,
  eventStreamBody,
  eventStreamOutput,
  eventStreamSerde,
  requireMembers,
} from "../src/runtime/event-streams.js";
import { verifiedBody, verifyStreamingRequest } from "@seqstore/sigv4/verify";
import { signingClock } from "../src/runtime/clock.js";
import { ServiceException } from "../src/runtime/exceptions.js";
import { RequestCarrier } from "../src/runtime/request-carrier.js";
import { createTransport } from "../src/runtime/transport.js";

const description: EventStreamDescription = {
  schema: {
    events: {
      tick: { headers: { seq: "long" }, documentMembers: ["note", "at"] },
      raw: { headers: {}, payload: { member: "data", kind: "blob" }, documentMembers: [] },
    },
    errors: { oops: { headers: {}, documentMembers: ["message"] } },
  },
  errorNames: { oops: "OopsError" },
  // As the generator writes them: the document's timestamps as epoch seconds.
  write: { tick: (v: { note?: string; at?: Date }) => ({ note: v.note, at: v.at && v.at.getTime() / 1000 }) },
  read: {
    tick: (v: { note?: string; at?: number }) => ({ note: v.note, at: v.at && new Date(v.at * 1000) }),
  },
};

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

class OopsError extends ServiceException {
  constructor(init: { message: string }) {
    super({ name: "OopsError", $fault: "client", message: init.message });
  }
}

describe("client event streams", () => {
  it("sends union values as messages and reads them back", async () => {
    const events = [
      { tick: { seq: 1, note: "first", at: new Date(1_700_000_000_000) } },
      { raw: { data: new Uint8Array([1, 2, 3]) } },
    ];
    async function* source() {
      yield* events;
    }
    const body = eventStreamBody(source(), description);
    const messages = await collect(decodeMessages(body));
    expect(messages.map((m) => readEventStreamMessage(m))).toMatchObject([
      { kind: "event", eventType: "tick" },
      { kind: "event", eventType: "raw", contentType: "application/octet-stream" },
    ]);
    expect(JSON.parse(new TextDecoder().decode(messages[0]?.body))).toEqual({
      note: "first",
      at: 1_700_000_000,
    });
    const output = eventStreamOutput(encodeMessages(messages), description);
    expect(await collect(output)).toEqual(events);
  });

  it("throws a modeled error event as the service's error class, once the send path lends them", async () => {
    const serde = eventStreamSerde(description);
    const stream = encodeMessages([
      serde.serialize({ tick: { seq: 2 } }),
      serde.serialize({ oops: { message: "bad" } }),
    ]);
    const output = eventStreamOutput(stream, description);
    output.bindErrors({
      errors: { OopsError },
      unmodeledError: (options) => new ServiceException(options),
    });
    const seen: unknown[] = [];
    const failure = await (async () => {
      for await (const event of output) seen.push(event);
    })().catch((error: unknown) => error);
    expect(seen).toEqual([{ tick: { seq: 2 } }]);
    expect(failure).toBeInstanceOf(OopsError);
    expect((failure as Error).message).toBe("bad");
  });

  it("names an error event whose class the client lacks by its shape", async () => {
    const serde = eventStreamSerde(description);
    const output = eventStreamOutput(
      encodeMessages([serde.serialize({ oops: { message: "m" } })]),
      description,
    );
    output.bindErrors({ errors: {}, unmodeledError: (options) => new ServiceException(options) });
    await expect(collect(output)).rejects.toMatchObject({ name: "OopsError", message: "m" });
  });

  it("throws an unmodeled error message as EventStreamRemoteError, bad framing as EventStreamError", async () => {
    const remote = eventStreamOutput(encodeMessages([errorMessage("InternalFailure", "down")]), description);
    await expect(collect(remote)).rejects.toBeInstanceOf(EventStreamRemoteError);
    const truncated = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([0, 0, 0, 40, 0, 0]));
        controller.close();
      },
    });
    await expect(collect(eventStreamOutput(truncated, description))).rejects.toBeInstanceOf(EventStreamError);
  });

  it("skips event types it does not know, and reads a stream only once", async () => {
    const serde = eventStreamSerde({
      ...description,
      schema: { events: { ...description.schema.events, later: { headers: {} } } },
    });
    const output = eventStreamOutput(
      encodeMessages([serde.serialize({ later: {} }), serde.serialize({ tick: { seq: 3 } })]),
      description,
    );
    expect(await collect(output)).toEqual([{ tick: { seq: 3 } }]);
    await expect(collect(output)).rejects.toThrow(/already consumed/);
  });

  it("refuses an input that is not iterable, an event with two members, a missing required member", async () => {
    expect(() => eventStreamBody(42 as never, description)).toThrow(TypeError);
    const body = eventStreamBody([{ tick: { seq: 1 }, raw: { data: new Uint8Array() } }], description);
    await expect(collect(decodeMessages(body))).rejects.toThrow(/exactly one union member/);
    expect(() => requireMembers({ stream: {} }, ["initialResponseMember"])).toThrow(/initialResponseMember/);
    expect(requireMembers({ a: 1 }, ["a"])).toEqual({ a: 1 });
  });
});

describe("signed event streams", () => {
  const credentials = {
    accessKeyId: "AKIDEXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  };
  const verifyOptions = {
    service: "omics",
    regions: ["us-east-1"],
    lookupSecret: (id: string) =>
      id === credentials.accessKeyId
        ? { secretAccessKey: credentials.secretAccessKey, accountId: "123456789012" }
        : undefined,
  };

  async function sendEvents(signEventStreams: boolean) {
    let captured: { headers: Record<string, string>; body: Uint8Array } | undefined;
    const fetch = (async (_url: string, init: RequestInit) => {
      const request = new Request("https://example.com/events", init);
      captured = {
        headers: Object.fromEntries(request.headers),
        body: new Uint8Array(await request.arrayBuffer()),
      };
      return new Response(null, { status: 200 });
    }) as typeof globalThis.fetch;
    const transport = createTransport(
      () => fetch,
      {
        region: "us-east-1",
        service: "omics",
        credentials: async () => credentials,
        clock: signingClock(Date.now),
        signEventStreams,
      },
      true,
    );
    const body = eventStreamBody([{ tick: { seq: 1 } }, { tick: { seq: 2 } }], description);
    await transport(
      new RequestCarrier("https://example.com/events", {
        method: "POST",
        headers: { "content-type": "application/vnd.amazon.eventstream" },
        body,
        // As the light fetcher sends a streamed body.
        duplex: "half",
      } as RequestInit),
    );
    if (!captured) throw new Error("nothing was sent");
    return captured;
  }

  it("signs every message in a chain the verifier accepts, when asked to", async () => {
    const sent = await sendEvents(true);
    expect(sent.headers["x-amz-content-sha256"]).toBe("STREAMING-AWS4-HMAC-SHA256-EVENTS");
    const verification = verifyStreamingRequest(
      // fetch adds Host on the wire.
      { method: "POST", path: "/events", query: "", headers: { ...sent.headers, host: "example.com" } },
      verifyOptions,
    );
    if (!verification.ok) throw new Error(verification.message);
    async function* chunks() {
      yield sent.body;
    }
    const messages = await collect(decodeMessages(verifiedBody(chunks(), verification)));
    const serde = eventStreamSerde(description);
    expect(messages.map((message) => serde.deserialize(message))).toMatchObject([
      { kind: "event", member: "tick", value: { seq: 1 } },
      { kind: "event", member: "tick", value: { seq: 2 } },
    ]);
    // A changed byte inside a signed envelope is refused.
    const forged = sent.body.slice();
    forged[forged.length - 20] = (forged[forged.length - 20] ?? 0) ^ 1;
    async function* forgedChunks() {
      yield forged;
    }
    await expect(collect(verifiedBody(forgedChunks(), verification))).rejects.toThrow();
  });

  it("leaves the events unsigned by default (UNSIGNED-PAYLOAD), as AWS SDKs do over HTTP/1.1", async () => {
    const sent = await sendEvents(false);
    expect(sent.headers["x-amz-content-sha256"]).toBe("UNSIGNED-PAYLOAD");
    expect(
      await collect(
        decodeMessages(
          (async function* () {
            yield sent.body;
          })(),
        ),
      ),
    ).toHaveLength(2);
  });
});
