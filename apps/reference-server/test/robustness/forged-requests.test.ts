// Forged and cross-account requests against a real server process with two accounts' credentials: every
// forgery is 403 AccessDeniedException, and account B can never see, change or reuse account A's stores.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "../e2e/server-process.js";
import { errorShapeProblems, type Reply, type SendOptions, SignedClient } from "./harness.js";

const ALPHA = { accessKeyId: "AKIDALPHA", secretAccessKey: "alpha-secret" };
const BRAVO = { accessKeyId: "AKIDBRAVO", secretAccessKey: "bravo/secret:with+odd=chars" };
const SIX_MINUTES = 6 * 60 * 1000;

let server: ServerProcess;
let alpha: SignedClient;
let bravo: SignedClient;

beforeAll(async () => {
  server = await startServerProcess(["--port=0", "--db=:memory:", "--log-level=error"], {
    SEQSTORE_CREDENTIALS: `AKIDALPHA:alpha-secret:111111111111,AKIDBRAVO:${BRAVO.secretAccessKey}:222222222222`,
  });
  alpha = new SignedClient(server.url, ALPHA, 4);
  bravo = new SignedClient(server.url, BRAVO, 4);
});

afterAll(async () => {
  alpha?.close();
  bravo?.close();
  expect(await server.stop()).toBe(0);
});

function expectDenied(reply: Reply, code?: string): void {
  expect(reply.status, reply.body).toBe(403);
  expect(reply.headers["x-amzn-errortype"]).toBe("AccessDeniedException");
  expect(errorShapeProblems(reply)).toEqual([]);
  if (code) expect(JSON.parse(reply.body).message).toContain(`(${code})`);
}

const createBody = JSON.stringify({ name: "forged" });
const create: SendOptions = { method: "POST", path: "/sequencestore", body: createBody };

describe("forged signatures are 403 AccessDeniedException", () => {
  it("a correctly signed request passes (the control case)", async () => {
    expect((await alpha.send(create)).status).toBe(200);
  });

  it.each<{ case: string; options: Partial<SendOptions>; code?: string }>([
    { case: "unsigned", options: { signAs: false }, code: "MissingAuthenticationToken" },
    {
      case: "wrong secret",
      options: { signAs: { accessKeyId: "AKIDALPHA", secretAccessKey: "guess" } },
      code: "SignatureDoesNotMatch",
    },
    {
      case: "unknown access key",
      options: { signAs: { accessKeyId: "AKIDNOBODY", secretAccessKey: "alpha-secret" } },
    },
    {
      case: "another account's key with this secret",
      options: { signAs: { accessKeyId: "AKIDBRAVO", secretAccessKey: "alpha-secret" } },
      code: "SignatureDoesNotMatch",
    },
    {
      case: "body changed after signing (same length)",
      options: { sendBody: createBody.replace("forged", "FORGED") },
    },
    {
      case: "body replayed with more members",
      options: { sendBody: JSON.stringify({ name: "forged", description: "extra" }) },
    },
    { case: "empty body with a signature for a body", options: { sendBody: "" } },
    {
      case: "signed header changed (content-type)",
      options: {
        tamper: (h) => {
          h["content-type"] = "application/json; charset=utf-8";
        },
      },
      code: "SignatureDoesNotMatch",
    },
    {
      case: "payload hash header swapped",
      options: {
        tamper: (h) => {
          h["x-amz-content-sha256"] = "0".repeat(64);
        },
      },
    },
    {
      case: "x-amz-date moved by a second",
      options: {
        tamper: (h) => {
          const date = h["x-amz-date"]!;
          h["x-amz-date"] = date.replace(/(\d)Z$/, (_, d: string) => `${(Number(d) + 1) % 10}Z`);
        },
      },
    },
    {
      case: "signature truncated",
      options: {
        tamper: (h) => {
          h.authorization = h.authorization!.slice(0, -1);
        },
      },
    },
    {
      case: "signature of another request (bit flipped)",
      options: {
        tamper: (h) => {
          h.authorization = h.authorization!.replace(
            /Signature=(.)/,
            (_, c: string) => `Signature=${c === "0" ? "1" : "0"}`,
          );
        },
      },
      code: "SignatureDoesNotMatch",
    },
    {
      case: "stale date (6 minutes old)",
      options: { signingDate: new Date(Date.now() - SIX_MINUTES) },
      code: "RequestExpired",
    },
    {
      case: "date 6 minutes ahead",
      options: { signingDate: new Date(Date.now() + SIX_MINUTES) },
      code: "RequestExpired",
    },
    {
      case: "garbage Authorization header",
      options: {
        tamper: (h) => {
          h.authorization = "AWS4-HMAC-SHA256 Credential=, SignedHeaders=, Signature=zz";
        },
      },
    },
    {
      case: "Basic auth instead of SigV4",
      options: {
        tamper: (h) => {
          h.authorization = "Basic YWxhZGRpbjpvcGVuc2VzYW1l";
        },
      },
    },
  ])("$case", async ({ options, code }) => {
    expectDenied(await alpha.send({ ...create, ...options }), code);
  });

  it("a signature for one path does not open another", async () => {
    const { headers } = await signedFor(alpha, "GET", "/sequencestore/1234567890");
    // Control: the captured headers replayed unchanged pass (a replay within 5 minutes is valid SigV4).
    expect((await sendRaw("GET", "/sequencestore/1234567890", headers)).status).toBe(404);
    expectDenied(await sendRaw("GET", "/sequencestore/1234567891", headers), "SignatureDoesNotMatch");
  });

  it("a signature for one query does not open another", async () => {
    const { headers } = await signedFor(alpha, "POST", "/sequencestores?maxResults=1", "{}");
    expect((await sendRaw("POST", "/sequencestores?maxResults=1", headers, "{}")).status).toBe(200);
    expectDenied(
      await sendRaw("POST", "/sequencestores?maxResults=100", headers, "{}"),
      "SignatureDoesNotMatch",
    );
  });
});

/** The headers a client would send for a request, captured by a tamper hook that aborts nothing. */
async function signedFor(client: SignedClient, method: string, path: string, body = "") {
  let captured: Record<string, string> = {};
  await client.send({
    method,
    path,
    body,
    tamper: (h) => {
      captured = { ...h };
    },
  });
  return { headers: captured };
}

function sendRaw(method: string, path: string, headers: Record<string, string>, body = ""): Promise<Reply> {
  // Replays captured headers unchanged (no re-signing): signAs false, headers as they were.
  const { authorization, ...rest } = headers;
  return alpha.send({
    method,
    path,
    body,
    signAs: false,
    contentType: null,
    headers: { ...rest, ...(authorization ? { authorization } : {}) },
  });
}

describe("accounts are isolated", () => {
  it("account B cannot read, update, delete, list or reuse the token of account A's store", async () => {
    const input = { name: "alpha's", clientToken: "shared-token", description: "secret plans" };
    const made = await alpha.send({ method: "POST", path: "/sequencestore", body: JSON.stringify(input) });
    expect(made.status).toBe(200);
    const store = JSON.parse(made.body) as { id: string; arn: string };
    expect(store.arn).toContain(":111111111111:");

    for (const [method, body] of [
      ["GET", ""],
      ["PATCH", JSON.stringify({ name: "taken over" })],
      ["DELETE", ""],
    ] as const) {
      const reply = await bravo.send({ method, path: `/sequencestore/${store.id}`, body });
      expect(reply.status, `${method}: ${reply.body}`).toBe(404);
      expect(reply.headers["x-amzn-errortype"]).toBe("ResourceNotFoundException");
    }

    const listed = await bravo.send({ method: "POST", path: "/sequencestores", body: "{}" });
    expect(listed.status).toBe(200);
    expect(listed.body).not.toContain(store.id);
    const filtered = await bravo.send({
      method: "POST",
      path: "/sequencestores",
      body: JSON.stringify({ filter: { name: "alpha's" } }),
    });
    expect(JSON.parse(filtered.body).sequenceStores).toEqual([]);

    // The same token in account B makes B's own store; it never answers with A's.
    const reused = await bravo.send({ method: "POST", path: "/sequencestore", body: JSON.stringify(input) });
    expect(reused.status).toBe(200);
    const theirs = JSON.parse(reused.body) as { id: string; arn: string };
    expect(theirs.arn).toContain(":222222222222:");
    expect(theirs.arn).not.toBe(store.arn);

    // A's store is untouched.
    const mine = await alpha.send({ method: "GET", path: `/sequencestore/${store.id}` });
    expect(mine.status).toBe(200);
    expect(JSON.parse(mine.body)).toMatchObject({ ...store, name: "alpha's", description: "secret plans" });
  });

  it("account A's list token does not page through account B's stores", async () => {
    for (const name of ["a1", "a2"]) {
      await alpha.send({ method: "POST", path: "/sequencestore", body: JSON.stringify({ name }) });
    }
    const page = await alpha.send({ method: "POST", path: "/sequencestores?maxResults=1", body: "{}" });
    const { nextToken } = JSON.parse(page.body) as { nextToken?: string };
    expect(nextToken).toBeDefined();
    const stolen = await bravo.send({
      method: "POST",
      path: `/sequencestores?nextToken=${encodeURIComponent(nextToken!)}`,
      body: "{}",
    });
    expect(stolen.status).toBe(400);
    expect(stolen.headers["x-amzn-errortype"]).toBe("ValidationException");
  });
});
