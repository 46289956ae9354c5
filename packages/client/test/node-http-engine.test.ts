// In Node, requests without a `fetch` option go through node:http (node-http-fetch.ts), as the AWS
// SDK's do; these run the client against a real server and look at what arrives on the wire.
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import { createServer as createHttpsServer, globalAgent } from "node:https";
import type { AddressInfo } from "node:net";
import { verifyRequest } from "@seqstore/sigv4/verify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOmicsClient, ValidationException } from "../src/index.js";
import { nodeHttpFetch } from "../src/runtime/node-http-fetch.js";
import { retryKind } from "../src/runtime/retry.js";

const created = { id: "1234567890", name: "store", creationTime: "2024-05-01T12:30:45Z" };

interface Arrival {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the server answers each request; the default sends `created` as JSON. */
type Answer = (res: ServerResponse, arrival: Arrival) => void;

let arrivals: Arrival[];
let connections: number;
let answer: Answer;
let server: ReturnType<typeof createServer>;
let baseUrl: string;

beforeEach(async () => {
  arrivals = [];
  connections = 0;
  answer = (res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(created));
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const arrival = {
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    arrivals.push(arrival);
    answer(res, arrival);
  });
  server.on("connection", () => connections++);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, "close");
});

const client = (options: Partial<Parameters<typeof createOmicsClient>[0]> = {}) =>
  createOmicsClient({ baseUrl, disableHostPrefix: true, maxAttempts: 1, ...options });

describe("the node:http engine", () => {
  it("sends a call with its length and the client's headers only, and reads the reply", async () => {
    const output = await client().createSequenceStore({ name: "store", clientToken: "token-1" });
    expect(output).toMatchObject({ id: "1234567890", name: "store" });
    expect(output.creationTime).toEqual(new Date("2024-05-01T12:30:45Z"));
    expect(output.$metadata).toMatchObject({ httpStatusCode: 200, attempts: 1 });
    const [arrival] = arrivals;
    expect(arrival?.method).toBe("POST");
    expect(arrival?.url).toBe("/sequencestore");
    expect(JSON.parse(arrival?.body ?? "")).toEqual({ name: "store", clientToken: "token-1" });
    const body = Buffer.byteLength(arrival?.body ?? "");
    expect(arrival?.headers).toMatchObject({
      "content-length": String(body),
      "content-type": "application/json",
    });
    expect(arrival?.headers["transfer-encoding"]).toBeUndefined();
    // What undici's fetch would add to every request (sec-fetch-mode, its user-agent) is absent.
    expect(Object.keys(arrival?.headers ?? {}).sort()).toEqual(
      [
        "amz-sdk-invocation-id",
        "amz-sdk-request",
        "connection",
        "content-length",
        "content-type",
        "host",
        "x-amz-user-agent",
      ].sort(),
    );
  });

  it("keeps the connection alive between calls", async () => {
    const c = client();
    for (let i = 0; i < 3; i++) await c.createSequenceStore({ name: "store" });
    expect(arrivals).toHaveLength(3);
    expect(connections).toBe(1);
  });

  it("leaves the sending to a `fetch` option when one is given", async () => {
    const seen: string[] = [];
    const c = client({
      fetch: (input, init) => {
        seen.push(String(input));
        return fetch(input, init);
      },
    });
    await c.createSequenceStore({ name: "store" });
    expect(seen).toEqual([`${baseUrl}/sequencestore`]);
    expect(arrivals[0]?.headers["sec-fetch-mode"]).toBe("cors");
  });

  it("throws a modeled error from an error reply", async () => {
    answer = (res) =>
      res
        .writeHead(400, { "content-type": "application/json", "x-amzn-errortype": "ValidationException" })
        .end(JSON.stringify({ message: "name is too long" }));
    const error = await client()
      .createSequenceStore({ name: "store" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect(error).toMatchObject({ message: "name is too long", $metadata: { httpStatusCode: 400 } });
  });

  it("reads an empty reply as an output without members", async () => {
    answer = (res) => res.writeHead(200, { "content-length": "0" }).end();
    const output = await client().deleteSequenceStore({ id: "1234567890" });
    expect(output.$metadata.httpStatusCode).toBe(200);
    expect(arrivals[0]).toMatchObject({ method: "DELETE", url: "/sequencestore/1234567890", body: "" });
  });

  it("answers a redirect with an error, not another request, as the AWS SDK does", async () => {
    answer = (res) => res.writeHead(307, { location: "/elsewhere", "content-length": "0" }).end();
    const error = await client()
      .createSequenceStore({ name: "store" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 307 } });
    expect(arrivals).toHaveLength(1);
  });

  it("fails a reply cut short as a network failure, and tries it again", async () => {
    let cut = true;
    answer = (res) => {
      if (!cut) {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(created));
        return;
      }
      cut = false;
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"id":"12');
      setTimeout(() => res.destroy(), 10);
    };
    const error = await client()
      .createSequenceStore({ name: "store" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ message: "aborted", code: "ECONNRESET", $metadata: { attempts: 1 } });
    cut = true;
    const output = await client({ maxAttempts: 2, random: () => 0 }).createSequenceStore({ name: "store" });
    expect(output.$metadata).toMatchObject({ attempts: 2, httpStatusCode: 200 });
  });

  it("tries a refused connection again, then throws the socket's error", async () => {
    const closed = baseUrl;
    server.close();
    await once(server, "close");
    const error = await createOmicsClient({ baseUrl: closed, disableHostPrefix: true, random: () => 0 })
      .createSequenceStore({ name: "store" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "ECONNREFUSED", $metadata: { attempts: 3 } });
    // (afterEach closes it again.)
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
  });

  it("sends a signed call a verifier accepts", async () => {
    let verified: unknown;
    answer = (res, arrival) => {
      const [path = "", query = ""] = arrival.url.split("?");
      verified = verifyRequest(
        { method: arrival.method, path, query, headers: arrival.headers, body: Buffer.from(arrival.body) },
        {
          service: "omics",
          lookupSecret: (id) => (id === "AKID" ? { secretAccessKey: "secret", accountId: "1" } : undefined),
        },
      );
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(created));
    };
    await client({
      region: "eu-west-1",
      credentials: { accessKeyId: "AKID", secretAccessKey: "secret" },
    }).createSequenceStore({ name: "über store" });
    expect(verified).toMatchObject({ ok: true, region: "eu-west-1" });
  });

  it.each([{ signed: false }, { signed: true }])(
    "sends client.raw's Requests with their length (signed: $signed)",
    async ({ signed }) => {
      const c = client(
        signed ? { region: "us-east-1", credentials: { accessKeyId: "A", secretAccessKey: "s" } } : {},
      );
      const { data, response } = await c.raw.POST("/sequencestore", { body: { name: "raw store" } });
      expect(response.status).toBe(200);
      expect(data).toMatchObject({ id: "1234567890" });
      const arrival = arrivals[0];
      expect(arrival?.headers["sec-fetch-mode"]).toBeUndefined();
      expect(arrival?.headers["content-length"]).toBe(String(Buffer.byteLength(arrival?.body ?? "")));
      expect(JSON.parse(arrival?.body ?? "")).toEqual({ name: "raw store" });
      expect(arrival?.headers.authorization !== undefined).toBe(signed);
    },
  );

  it("sends over https with node:https, checking the server's certificate", async () => {
    // A self-signed certificate for localhost and 127.0.0.1 (openssl, valid until 2126).
    const cert = readFileSync(new URL("fixtures/localhost-cert.pem", import.meta.url));
    const key = readFileSync(new URL("fixtures/localhost-key.pem", import.meta.url));
    const secure = createHttpsServer({ cert, key }, (req, res) => {
      req.resume();
      req.on("end", () =>
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(created)),
      );
    });
    secure.listen(0, "127.0.0.1");
    await once(secure, "listening");
    const url = `https://localhost:${(secure.address() as AddressInfo).port}`;
    const trusted = globalAgent.options.ca;
    try {
      // Untrusted, the call fails as a network failure would (the certificate is not any CA's).
      const refused = await createOmicsClient({ baseUrl: url, disableHostPrefix: true, maxAttempts: 1 })
        .createSequenceStore({ name: "store" })
        .catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: "DEPTH_ZERO_SELF_SIGNED_CERT" });
      globalAgent.options.ca = cert;
      globalAgent.destroy();
      const output = await createOmicsClient({ baseUrl: url, disableHostPrefix: true }).createSequenceStore({
        name: "store",
      });
      expect(output.id).toBe("1234567890");
    } finally {
      globalAgent.options.ca = trusted;
      globalAgent.destroy();
      secure.closeAllConnections();
      secure.close();
    }
  });

  describe("idle timeout", () => {
    it("fails a request whose reply does not come, with a TimeoutError the retries take", async () => {
      answer = () => {}; // never answers
      const send = nodeHttpFetch(true, 100);
      const started = performance.now();
      const error = await send?.(`${baseUrl}/sequencestore`, { method: "POST", body: "{}" }).catch(
        (e: unknown) => e,
      );
      expect(performance.now() - started).toBeGreaterThanOrEqual(90);
      expect(error).toMatchObject({ name: "TimeoutError", code: "ETIMEDOUT" });
      expect(retryKind(error, false)).toBe("transient");
    });

    it("fails a streamed reply that stops midway, but not one that keeps coming slowly", async () => {
      answer = (res, arrival) => {
        res.writeHead(200, { "content-type": "text/plain" });
        // Three chunks 60 ms apart (each within the 100 ms), then silence for the "stall" request.
        let sent = 0;
        const tick = setInterval(() => {
          res.write("x");
          if (++sent === 3) {
            clearInterval(tick);
            if (arrival.url !== "/stall") res.end();
          }
        }, 60);
      };
      const send = nodeHttpFetch(false, 100);
      const slow = await send?.(`${baseUrl}/slow`, { method: "GET" });
      expect(await slow?.text()).toBe("xxx");
      const stalled = await send?.(`${baseUrl}/stall`, { method: "GET" });
      const failure = await stalled?.text().catch((e: unknown) => e);
      expect(failure).toMatchObject({ name: "TimeoutError", code: "ETIMEDOUT" });
    });
  });
});
