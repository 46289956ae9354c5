// Event streams end to end: the chat fixture's generated client against its generated server stub on
// both adapters (real sockets). Duplex (each reply read before the next message is sent), initial
// request and response members, headers and payloads, a modeled error ending the stream, an
// unexpected one turned into InternalFailure, and the initial request's @required header.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { EventStreamRemoteError } from "@seqstore/eventstream";
import { Readable } from "node:stream";
import { createNodeHandler, createRouter, type ServiceDefinition } from "@seqstore/server";
import { verifiedBody, verifyStreamingRequest } from "@seqstore/sigv4/verify";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateService } from "../src/generate.js";
import { repoRoot } from "../src/paths.js";
import { loadModel } from "../src/run.js";

type Json = Record<string, unknown>;
type Send = (operation: unknown, input: Json) => Promise<Json>;

const FIXTURE = path.join(repoRoot, "packages/protocol-tests/test/fixtures/event-streams/chat.smithy");

interface Fixture {
  client: Record<string, unknown>;
  service: ServiceDefinition;
  errors: Record<string, new (init: Json) => Error>;
}

async function loadFixture(): Promise<Fixture> {
  const generated = await generateService(loadModel([FIXTURE]), "example.chat#Chat");
  if (!generated.serverDir) throw new Error(generated.openApiError ?? "no server stub");
  const client = (await import(generated.clientEntry)) as Record<string, unknown>;
  const server = (await import(path.join(generated.serverDir, "service.ts"))) as Record<string, unknown>;
  const errors = (await import(path.join(generated.serverDir, "errors.ts"))) as Record<string, unknown>;
  return {
    client,
    service: server.chatService as ServiceDefinition,
    errors: errors as Fixture["errors"],
  };
}

const reported: unknown[] = [];

function handlers(fixture: Fixture) {
  const found = fixture.errors.Refused;
  if (!found) throw new Error("the server stub has no Refused error class");
  const Refused: new (init: Json) => Error = found;
  return {
    async converse(input: Json) {
      const messages = input.messages as AsyncIterable<Json>;
      async function* replies() {
        for await (const message of messages) {
          const say = message.say as Json | undefined;
          if (say?.text === "refuse") throw new Refused({ message: "not that" });
          if (say?.text === "crash") throw new Error("secret internals");
          if (say) yield { say: { seq: say.seq, at: say.at, text: `${input.language}: ${say.text}` } };
          const attachment = message.attachment as Json | undefined;
          if (attachment) {
            const data = attachment.data as Uint8Array;
            yield { attachment: { name: `${attachment.name}.rev`, data: data.slice().reverse() } };
          }
        }
      }
      return { sessionId: input.sessionId, replies: replies() };
    },
  };
}

/** Resolves once `promise` settles, or fails after `ms` (a half-duplex transport would hang here). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)),
  ]);
}

describe.each(["node", "express"] as const)("event streams through the %s adapter", (adapter) => {
  let fixture: Fixture;
  let server: Server;
  let send: Send;

  beforeAll(async () => {
    fixture = await loadFixture();
    const options = { onError: (error: unknown) => void reported.push(error) };
    if (adapter === "node")
      server = createServer(createNodeHandler(fixture.service, handlers(fixture) as never, options));
    else {
      const app = express();
      app.use(createRouter(fixture.service, handlers(fixture) as never, options));
      server = createServer(app);
    }
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    const factory = fixture.client.createChatBaseClient as (options: object) => { send: Send };
    send = factory({ baseUrl: `http://127.0.0.1:${port}`, maxAttempts: 1 }).send;
  }, 120_000);

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("is duplex: each reply arrives before the next message is sent", async () => {
    const replies: Json[] = [];
    let replied: (() => void) | undefined;
    async function* messages() {
      for (let seq = 1; seq <= 3; seq++) {
        const next = new Promise<void>((resolve) => {
          replied = resolve;
        });
        yield { say: { seq, at: new Date(seq * 1000), text: `hello ${seq}` } };
        await within(next, 5000, `the reply to message ${seq}`);
      }
    }
    const output = await send(fixture.client.Converse, {
      sessionId: "s-1",
      language: "en",
      messages: messages(),
    });
    expect(output.sessionId).toBe("s-1");
    for await (const reply of output.replies as AsyncIterable<Json>) {
      replies.push(reply);
      replied?.();
    }
    expect(replies).toEqual(
      [1, 2, 3].map((seq) => ({ say: { seq, at: new Date(seq * 1000), text: `en: hello ${seq}` } })),
    );
  });

  it("carries @eventPayload blobs with @eventHeader members both ways", async () => {
    const output = await send(fixture.client.Converse, {
      sessionId: "s-2",
      language: "en",
      messages: [{ attachment: { name: "reads.bam", data: new Uint8Array([1, 2, 3, 250]) } }],
    });
    const replies: Json[] = [];
    for await (const reply of output.replies as AsyncIterable<Json>) replies.push(reply);
    expect(replies).toEqual([
      { attachment: { name: "reads.bam.rev", data: new Uint8Array([250, 3, 2, 1]) } },
    ]);
  });

  it("ends the stream with the handler's modeled error, thrown as the client's error class", async () => {
    const output = await send(fixture.client.Converse, {
      sessionId: "s-3",
      language: "en",
      messages: [{ say: { text: "one" } }, { say: { text: "refuse" } }, { say: { text: "never" } }],
    });
    const replies: Json[] = [];
    const failure = await (async () => {
      for await (const reply of output.replies as AsyncIterable<Json>) replies.push(reply);
    })().catch((error: unknown) => error);
    expect(replies).toEqual([{ say: { text: "en: one" } }]);
    expect(failure).toBeInstanceOf(fixture.client.Refused as new () => Error);
    expect((failure as Error).message).toBe("not that");
  });

  it("ends it with an InternalFailure error message for anything else, and reports it", async () => {
    reported.length = 0;
    const output = await send(fixture.client.Converse, {
      sessionId: "s-4",
      language: "en",
      messages: [{ say: { text: "crash" } }],
    });
    const failure = await (async () => {
      for await (const _ of output.replies as AsyncIterable<Json>);
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EventStreamRemoteError);
    expect((failure as EventStreamRemoteError).message).not.toContain("secret");
    expect(reported.map((error) => (error as Error).message)).toContain("secret internals");
  });

  it("refuses a request without the @required initial header before the handler runs", async () => {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/sessions/s-5/converse`, {
      method: "POST",
      headers: { "content-type": "application/vnd.amazon.eventstream" },
      body: new Uint8Array(),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-amzn-errortype")).toBe("ValidationException");
  });
});

describe("signed event streams end to end", () => {
  const credentials = { accessKeyId: "AKIDCHAT", secretAccessKey: "chat-secret" };
  let fixture: Fixture;
  let server: Server;
  let port: number;
  const modes: string[] = [];

  beforeAll(async () => {
    fixture = await loadFixture();
    const options = {
      onError: (error: unknown) => void reported.push(error),
      // The head before any body byte; then every event's chained signature as it arrives.
      authenticate: (request: {
        method: string;
        path: string;
        url?: string;
        headers: Record<string, string>;
        bodyStream?: ReadableStream<Uint8Array>;
      }) => {
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
            service: "chat",
            lookupSecret: (id) =>
              id === credentials.accessKeyId
                ? { secretAccessKey: credentials.secretAccessKey, accountId: "123456789012" }
                : undefined,
          },
        );
        if (!verification.ok) throw new Error(`signature refused: ${verification.message}`);
        modes.push(verification.payload);
        if (request.bodyStream) {
          const source = request.bodyStream as unknown as AsyncIterable<Uint8Array>;
          request.bodyStream = Readable.toWeb(
            Readable.from(verifiedBody(source, verification)),
          ) as unknown as ReadableStream<Uint8Array>;
        }
        return {};
      },
    };
    server = createServer(createNodeHandler(fixture.service, handlers(fixture) as never, options as never));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    ({ port } = server.address() as AddressInfo);
  }, 120_000);

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it.each([
    [true, "events"],
    [false, "unsigned"],
  ] as const)("signEventStreams: %s is verified as %s by the server", async (signEventStreams, mode) => {
    modes.length = 0;
    const factory = fixture.client.createChatBaseClient as (options: object) => { send: Send };
    const { send } = factory({
      baseUrl: `http://127.0.0.1:${port}`,
      region: "us-east-1",
      credentials,
      signEventStreams,
      maxAttempts: 1,
    });
    const output = await send(fixture.client.Converse, {
      sessionId: "s-6",
      language: "en",
      messages: [{ say: { seq: 1, text: "signed" } }, { say: { seq: 2, text: "twice" } }],
    });
    const replies: Json[] = [];
    for await (const reply of output.replies as AsyncIterable<Json>) replies.push(reply);
    expect(replies).toEqual([
      { say: { seq: 1, text: "en: signed" } },
      { say: { seq: 2, text: "en: twice" } },
    ]);
    expect(modes).toEqual([mode]);
  });
});
