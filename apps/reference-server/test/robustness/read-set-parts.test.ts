// Hostile part uploads against real server processes: lying lengths, truncated and forged bodies, bad
// digests. Every request is answered AWS-shaped (4xx with x-amzn-ErrorType) or, where the client breaks
// the connection itself, not at all; none is a 5xx, nothing of a refused part is kept, and the server
// keeps answering.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_CREDENTIALS } from "../../src/auth/credentials.js";
import { type ServerProcess, startServerProcess } from "../e2e/server-process.js";
import { errorShapeProblems, parseRawResponse, rawExchange, rawSocket, SignedClient } from "./harness.js";

const FASTQ = "@r1\nACGT\n+\nIIII\n";

async function openUpload(client: SignedClient): Promise<{ store: string; upload: string }> {
  const store = JSON.parse(
    (await client.send({ method: "POST", path: "/sequencestore", body: JSON.stringify({ name: "parts" }) }))
      .body,
  ).id as string;
  const upload = JSON.parse(
    (
      await client.send({
        method: "POST",
        path: `/sequencestore/${store}/upload`,
        body: JSON.stringify({ sourceFileType: "FASTQ", subjectId: "s", sampleId: "s", name: "n" }),
      })
    ).body,
  ).uploadId as string;
  return { store, upload };
}

async function partCount(client: SignedClient, store: string, upload: string): Promise<number> {
  const reply = await client.send({
    method: "POST",
    path: `/sequencestore/${store}/upload/${upload}/parts`,
    body: JSON.stringify({ partSource: "SOURCE1" }),
  });
  expect(reply.status).toBe(200);
  return (JSON.parse(reply.body).parts as unknown[]).length;
}

describe("hostile part uploads (signatures on)", () => {
  let server: ServerProcess;
  let client: SignedClient;
  beforeAll(async () => {
    server = await startServerProcess(["--port", "0", "--db", ":memory:", "--log-level", "silent"]);
    client = new SignedClient(server.url, LOCAL_CREDENTIALS);
  });
  afterAll(async () => {
    client?.close();
    const code = await server?.stop();
    if (code !== 0) console.log(server.output());
    expect(code).toBe(0);
  });

  it("refuses a body that is not the one signed (403) and a bad digest (400), keeping nothing", async () => {
    const { store, upload } = await openUpload(client);
    const path = `/sequencestore/${store}/upload/${upload}/part?partSource=SOURCE1&partNumber=1`;
    const forged = await client.send({
      method: "PUT",
      path,
      contentType: "application/octet-stream",
      body: FASTQ,
      sendBody: FASTQ.replace("ACGT", "TTTT"),
    });
    expect([forged.status, forged.headers["x-amzn-errortype"]]).toEqual([403, "AccessDeniedException"]);
    expect(errorShapeProblems(forged)).toEqual([]);
    const badDigest = await client.send({
      method: "PUT",
      path,
      contentType: "application/octet-stream",
      body: FASTQ,
      headers: { "x-amz-checksum-sha256": createHash("sha256").update("other").digest("base64") },
    });
    expect([badDigest.status, badDigest.headers["x-amzn-errortype"]]).toEqual([400, "ValidationException"]);
    const malformedDigest = await client.send({
      method: "PUT",
      path,
      contentType: "application/octet-stream",
      body: FASTQ,
      headers: { "content-md5": "not base64!" },
    });
    expect([malformedDigest.status, malformedDigest.headers["x-amzn-errortype"]]).toEqual([
      400,
      "ValidationException",
    ]);
    expect(await partCount(client, store, upload)).toBe(0);
    const good = await client.send({
      method: "PUT",
      path,
      contentType: "application/octet-stream",
      body: FASTQ,
    });
    expect([good.status, JSON.parse(good.body).checksum]).toEqual([
      200,
      createHash("sha256").update(FASTQ).digest("hex"),
    ]);
    expect(await partCount(client, store, upload)).toBe(1);
  });
});

describe("hostile part uploads on the wire (--auth none)", () => {
  let server: ServerProcess;
  let client: SignedClient;
  beforeAll(async () => {
    server = await startServerProcess([
      "--port",
      "0",
      "--db",
      ":memory:",
      "--auth",
      "none",
      "--log-level",
      "silent",
    ]);
    client = new SignedClient(server.url, LOCAL_CREDENTIALS);
  });
  afterAll(async () => {
    client?.close();
    expect(await server?.stop()).toBe(0);
  });

  const head = (path: string, headers: string) =>
    `PUT ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n${headers}\r\n`;

  it("answers a part announced over 100 MiB at once, before its bytes", async () => {
    const { store, upload } = await openUpload(client);
    const path = `/sequencestore/${store}/upload/${upload}/part?partSource=SOURCE1&partNumber=1`;
    const reply = parseRawResponse(
      await rawExchange(server.url, `${head(path, "Content-Length: 104857601\r\n")}abc`),
    );
    expect([reply?.status, reply?.headers["x-amzn-errortype"]]).toEqual([400, "ValidationException"]);
    expect(reply?.body).toMatch(/104857601 bytes exceed the 104857600-byte part limit/);
  });

  it("answers a part without Content-Length 411, and keeps nothing of a body cut short", async () => {
    const { store, upload } = await openUpload(client);
    const path = `/sequencestore/${store}/upload/${upload}/part?partSource=SOURCE1&partNumber=1`;
    const chunked = parseRawResponse(
      await rawExchange(server.url, `${head(path, "Transfer-Encoding: chunked\r\n")}4\r\nACGT\r\n0\r\n\r\n`),
    );
    expect(chunked?.status).toBe(411);
    expect(chunked && errorShapeProblems(chunked)).toEqual([]);

    // Half the announced bytes, then the client goes away.
    const { socket, received, closed } = await rawSocket(server.url);
    socket.write(`${head(path, "Content-Length: 100\r\n")}${"A".repeat(50)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.end();
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 3000))]);
    socket.destroy();
    const answer = parseRawResponse(received());
    if (answer) expect(answer.status).toBeLessThan(500);
    expect(await partCount(client, store, upload)).toBe(0);
    const after = await client.send({
      method: "PUT",
      path,
      contentType: "application/octet-stream",
      body: FASTQ,
    });
    expect(after.status).toBe(200);
  });
});
