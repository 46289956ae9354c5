// @streaming blobs end to end: the fixture service's generated client against its generated server stub
// on both adapters (real sockets), every input form, stream outputs, @requiresLength, unsignedPayload
// through the signer and the verifier, a client that breaks off, and memory that stays flat.
import { createHash } from "node:crypto";
import { once } from "node:events";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { sizedStream } from "@seqstore/protocol";
import { createNodeHandler, createRouter, type ServiceDefinition } from "@seqstore/server";
import { verifiedBody, verifyStreamingRequest } from "@seqstore/sigv4/verify";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateService } from "../src/generate.js";
import { repoRoot } from "../src/paths.js";
import { loadModel } from "../src/run.js";
import { loadStreamingFixture, type StreamingFixture } from "../src/streaming-fixture.js";

type Json = Record<string, unknown>;
type Send = (operation: unknown, input: Json) => Promise<Json>;
type StreamOutput = ReadableStream<Uint8Array> & {
  transformToByteArray(): Promise<Uint8Array>;
  transformToString(encoding?: string): Promise<string>;
  transformToWebStream(): ReadableStream<Uint8Array>;
};

const CREDENTIALS = { accessKeyId: "AKIDSTREAM", secretAccessKey: "streaming-secret" };

/** `total` bytes made on the fly in `chunk`-sized pieces (never all in memory). */
function generatedBytes(total: number, chunk = 64 * 1024): Readable {
  const piece = Buffer.alloc(chunk, 0x61);
  let left = total;
  return new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const size = Math.min(chunk, left);
      left -= size;
      this.push(size === chunk ? piece : piece.subarray(0, size));
    },
  });
}

/** Reads a web stream, counting and hashing its bytes. */
async function digest(stream: ReadableStream<Uint8Array>): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash("sha256");
  let bytes = 0;
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    hash.update(next.value);
    bytes += next.value.byteLength;
  }
  return { bytes, sha256: hash.digest("hex") };
}

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

interface Events {
  /** What each handler saw happen to its input stream. */
  log: string[];
  /** The x-amz-content-sha256 and payload mode the verifier found, per request. */
  auth: string[];
}

function handlers(events: Events) {
  return {
    async uploadPart(input: Json) {
      const { bytes, sha256: checksum } = await digest(input.payload as ReadableStream<Uint8Array>);
      return { checksum, bytes };
    },
    async putObject(input: Json) {
      try {
        const { bytes } = await digest(input.body as ReadableStream<Uint8Array>);
        // Committed only once the stream ended normally.
        events.log.push(`committed ${input.key} ${bytes}`);
        return { bytes };
      } catch (error) {
        events.log.push(`failed ${input.key}: ${(error as Error).message}`);
        throw error;
      }
    },
    async getObject(input: Json) {
      const size = Number(input.size ?? 0);
      const form = String(input.key);
      const body =
        form === "web"
          ? (Readable.toWeb(generatedBytes(size)) as unknown as ReadableStream<Uint8Array>)
          : form === "bytes"
            ? new Uint8Array(size).fill(0x61)
            : form === "iterable"
              ? (async function* () {
                  for (let left = size; left > 0; left -= 1000)
                    yield new Uint8Array(Math.min(1000, left)).fill(0x61);
                })()
              : generatedBytes(size);
      return { size, body };
    },
    async echoObject(input: Json) {
      return { body: input.body };
    },
  };
}

interface Harness {
  url: string;
  server: Server;
  events: Events;
}

async function start(fixture: StreamingFixture, adapter: "node" | "express"): Promise<Harness> {
  const events: Events = { log: [], auth: [] };
  const service = fixture.service as ServiceDefinition;
  const options = {
    onError: () => {},
    // SigV4 for streams: the head before any body byte, then the body checked as it flows.
    authenticate: (request: {
      method: string;
      url?: string;
      path: string;
      headers: Record<string, string>;
      bodyStream?: ReadableStream<Uint8Array>;
    }) => {
      if (!request.headers.authorization) return {};
      const url = request.url ?? request.path;
      const q = url.indexOf("?");
      const verification = verifyStreamingRequest(
        {
          method: request.method,
          path: q < 0 ? url : url.slice(0, q),
          query: q < 0 ? "" : url.slice(q + 1),
          headers: request.headers,
        },
        {
          service: "blobs",
          lookupSecret: () => ({ secretAccessKey: CREDENTIALS.secretAccessKey, accountId: "123456789012" }),
        },
      );
      if (!verification.ok) throw new Error(`signature refused: ${verification.message}`);
      events.auth.push(`${request.headers["x-amz-content-sha256"]} ${verification.payload}`);
      if (request.bodyStream) {
        const source = request.bodyStream as unknown as AsyncIterable<Uint8Array>;
        request.bodyStream = Readable.toWeb(
          Readable.from(verifiedBody(source, verification)),
        ) as unknown as ReadableStream<Uint8Array>;
      }
      return {};
    },
  };
  const h = handlers(events) as never;
  let server: Server;
  if (adapter === "node") server = createServer(createNodeHandler(service, h, options as never));
  else {
    const app = express();
    app.use(createRouter(service, h, options as never));
    server = createServer(app);
  }
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, events };
}

let fixture: StreamingFixture;

beforeAll(async () => {
  fixture = await loadStreamingFixture();
}, 120_000);

for (const adapter of ["node", "express"] as const) {
  describe(`streaming blobs through the ${adapter} adapter`, () => {
    let harness: Harness;
    let send: Send;
    let signedSend: Send;
    let op: (name: string) => unknown;
    beforeAll(async () => {
      harness = await start(fixture, adapter);
      const create = fixture.client.createBlobsClient as (options: Json) => { send: Send };
      send = create({ baseUrl: harness.url }).send.bind(undefined) as Send;
      const signed = create({ baseUrl: harness.url, region: "us-east-1", credentials: CREDENTIALS });
      signedSend = signed.send.bind(signed) as Send;
      op = (name) => fixture.client[name];
    });
    afterAll(async () => {
      harness.server.closeAllConnections();
      harness.server.close();
    });

    const text = "streamed ✓ ".repeat(5000);
    const forms: [string, () => unknown][] = [
      ["Uint8Array", () => new TextEncoder().encode(text)],
      ["string", () => text],
      ["Blob", () => new Blob([text])],
      ["web ReadableStream", () => Readable.toWeb(Readable.from([Buffer.from(text)]))],
      ["Node Readable", () => Readable.from([Buffer.from(text.slice(0, 100)), Buffer.from(text.slice(100))])],
    ];
    for (const [name, make] of forms) {
      it(`uploads a ${name}, signed, to a handler that reads a stream`, async () => {
        const output = await signedSend(op("PutObject"), {
          key: `k-${name.replace(/ /g, "-")}`,
          body: make(),
        });
        expect(output.bytes).toBe(Buffer.byteLength(text));
        expect(harness.events.log).toContain(
          `committed k-${name.replace(/ /g, "-")} ${Buffer.byteLength(text)}`,
        );
      });
    }

    it("signs stream bodies UNSIGNED-PAYLOAD and byte bodies with their hash, and the verifier agrees", async () => {
      harness.events.auth.length = 0;
      await signedSend(op("PutObject"), { key: "hashed", body: "abc" });
      await signedSend(op("PutObject"), { key: "streamed", body: Readable.from([Buffer.from("abc")]) });
      expect(harness.events.auth).toEqual([`${sha256("abc")} sha256`, "UNSIGNED-PAYLOAD unsigned"]);
    });

    it("honours aws.auth#unsignedPayload: bytes go out UNSIGNED-PAYLOAD, not hashed", async () => {
      harness.events.auth.length = 0;
      const output = await signedSend(op("UploadPart"), {
        uploadId: "u1",
        partNumber: 1,
        payload: "part-bytes",
      });
      expect(output).toMatchObject({ bytes: 10, checksum: sha256("part-bytes") });
      expect(harness.events.auth).toEqual(["UNSIGNED-PAYLOAD unsigned"]);
    });

    it("refuses a body whose hash the signature does not cover, before the handler commits", async () => {
      harness.events.log.length = 0;
      // A signed body swapped in flight: the fake fetch alters the bytes after signing.
      const create = fixture.client.createBlobsClient as (options: Json) => { send: Send };
      const tampering = create({
        baseUrl: harness.url,
        region: "us-east-1",
        credentials: CREDENTIALS,
        maxAttempts: 1,
        fetch: (url: string, init: RequestInit) => fetch(url, { ...init, body: "abd" }),
      });
      await expect(tampering.send(op("PutObject"), { key: "tampered", body: "abc" })).rejects.toMatchObject({
        $metadata: { httpStatusCode: 500 },
      });
      expect(harness.events.log).toEqual([
        expect.stringMatching(/^failed tampered: .*x-amz-content-sha256/i),
      ]);
    });

    it("requires a length for @requiresLength: a stream without one is refused before sending", async () => {
      await expect(
        send(op("UploadPart"), { uploadId: "u1", partNumber: 1, payload: Readable.from([Buffer.from("x")]) }),
      ).rejects.toThrow(/'payload' requires a length/);
      const sized = sizedStream(Readable.from([Buffer.from("sized")]), 5);
      expect(await send(op("UploadPart"), { uploadId: "u1", partNumber: 2, payload: sized })).toMatchObject({
        bytes: 5,
      });
    });

    it("fails a call whose sized stream yields another number of bytes than it declared", async () => {
      for (const declared of [5, 2]) {
        const payload = sizedStream(Readable.from([Buffer.from("abc")]), declared);
        await expect(send(op("UploadPart"), { uploadId: "u1", partNumber: 3, payload })).rejects.toThrow(
          /declared Content-Length/,
        );
      }
    });

    it("answers 411 to a chunked body for @requiresLength, before the handler runs", async () => {
      const { port } = new URL(harness.url);
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          { host: "127.0.0.1", port, method: "PUT", path: "/uploads/u1/parts?partNumber=1" },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on("error", reject);
        req.write("chunk");
        req.end();
      });
      expect(status).toBe(411);
    });

    for (const form of ["node", "web", "bytes", "iterable"]) {
      it(`downloads a ${form} output as a one-shot stream with the SDK helpers`, async () => {
        const output = await send(op("GetObject"), { key: form, size: 100_000 });
        expect(output.size).toBe(100_000);
        const body = output.body as StreamOutput;
        const bytes = await body.transformToByteArray();
        expect(bytes.byteLength).toBe(100_000);
        expect(bytes.every((byte) => byte === 0x61)).toBe(true);
        await expect(body.transformToString()).rejects.toThrow(/already consumed/);
      });
    }

    it("reads an output as text and as a web stream", async () => {
      const asText = (await send(op("GetObject"), { key: "node", size: 5 })).body as StreamOutput;
      expect(await asText.transformToString()).toBe("aaaaa");
      const asStream = (await send(op("GetObject"), { key: "web", size: 70_000 })).body as StreamOutput;
      expect((await digest(asStream.transformToWebStream())).bytes).toBe(70_000);
    });

    it("ends the handler's stream with an error when the client breaks off, and nothing is committed", async () => {
      harness.events.log.length = 0;
      let sent = 0;
      const failing = new Readable({
        read() {
          sent++;
          if (sent > 20) this.destroy(new Error("the source broke"));
          else this.push(Buffer.alloc(64 * 1024, 1));
        },
      });
      await expect(send(op("PutObject"), { key: "broken", body: failing })).rejects.toThrow();
      await expect.poll(() => harness.events.log.length, { timeout: 5000 }).toBe(1);
      expect(harness.events.log[0]).toMatch(/^failed broken: (aborted|.*premature close)/i);
    });
  });
}

describe("memory while streaming", () => {
  it("streams 256 MiB client → node:http stub → handler and back with RSS growing by less than 64 MiB", async () => {
    const harness = await start(fixture, "node");
    try {
      const create = fixture.client.createBlobsClient as (options: Json) => { send: Send };
      const client = create({ baseUrl: harness.url });
      const total = 256 * 1024 * 1024;
      globalThis.gc?.();
      const before = process.memoryUsage.rss();
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage.rss());
      }, 20);
      try {
        const output = await client.send(fixture.client.EchoObject, { body: generatedBytes(total) });
        const { bytes } = await digest((output.body as StreamOutput).transformToWebStream());
        expect(bytes).toBe(total);
      } finally {
        clearInterval(sampler);
      }
      peak = Math.max(peak, process.memoryUsage.rss());
      const growthMiB = (peak - before) / 1024 / 1024;
      console.log(`256 MiB echoed; peak RSS growth ${growthMiB.toFixed(1)} MiB`);
      expect(growthMiB).toBeLessThan(64);
    } finally {
      harness.server.closeAllConnections();
      harness.server.close();
    }
  }, 120_000);
});

const AWS_MODEL = path.resolve(repoRoot, "../shared/reference/aws-omics.smithy.json");

// Omics' own read-set shapes (UploadReadSetPart: @requiresLength input with aws.auth#unsignedPayload;
// GetReadSet: a streaming output with @default("")), as the read-set work will model them.
describe.skipIf(!existsSync(AWS_MODEL))("Omics' read-set streaming shapes (from ../shared)", () => {
  it("generate, and stream a part up and a read set down through the node:http stub", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "readsets-"));
    const serviceFile = path.join(dir, "service.smithy");
    writeFileSync(
      serviceFile,
      `$version: "2.0"\nnamespace com.amazonaws.omics\n@aws.protocols#restJson1\n@aws.auth#sigv4(name: "omics")\nservice ReadSets { version: "2022-11-28", operations: [UploadReadSetPart, GetReadSet] }\n`,
    );
    const generated = await generateService(
      loadModel([AWS_MODEL, serviceFile]),
      "com.amazonaws.omics#ReadSets",
    );
    const client = (await import(generated.clientEntry)) as Record<string, unknown>;
    const stub = (await import(path.join(generated.serverDir!, "service.ts"))) as Record<string, unknown>;
    const auth: string[] = [];
    const handlers = {
      async uploadReadSetPart(input: Json) {
        const { sha256: checksum } = await digest(input.payload as ReadableStream<Uint8Array>);
        return { checksum };
      },
      async getReadSet(input: Json) {
        return { payload: generatedBytes(Number(input.partNumber) * 1000) };
      },
    };
    const server = createServer(
      createNodeHandler(stub.readSetsService as ServiceDefinition, handlers as never, {
        authenticate: (request) => void auth.push(request.headers["x-amz-content-sha256"] ?? "none"),
      }),
    );
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const create = client.createReadSetsClient as (options: Json) => { send: Send };
      const omics = create({
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        region: "us-east-1",
        credentials: CREDENTIALS,
        disableHostPrefix: true,
      });
      const part = Buffer.alloc(300_000, 7);
      const upload = await omics.send(client.UploadReadSetPart, {
        sequenceStoreId: "1234567890",
        uploadId: "1234567890",
        partSource: "SOURCE1",
        partNumber: 1,
        payload: sizedStream(Readable.from([part.subarray(0, 100_000), part.subarray(100_000)]), part.length),
      });
      expect(upload.checksum).toBe(sha256(part));
      expect(auth).toEqual(["UNSIGNED-PAYLOAD"]);
      const download = await omics.send(client.GetReadSet, {
        sequenceStoreId: "1234567890",
        id: "1234567890",
        partNumber: 3,
      });
      expect((await (download.payload as StreamOutput).transformToByteArray()).byteLength).toBe(3000);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }, 120_000);
});
