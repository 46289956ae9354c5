// The signature and list-token checks must compare secrets in constant time. Code inspection: the SigV4
// verifier's signaturesEqual (packages/sigv4/src/verify/node-crypto.ts) and the list token's check
// (src/handlers/list-token.ts) both call crypto.timingSafeEqual. These tests spy on it so a refactor to
// `===` fails here.
import * as crypto from "node:crypto";
import { verifyRequest } from "@seqstore/sigv4/verify";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decodeListToken, encodeListToken } from "../../src/handlers/list-token.js";
import { signedProtocolRequest } from "../auth/signing.js";

vi.mock("node:crypto", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:crypto")>();
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});

const signer = { accessKeyId: "AKIDTIMING", secretAccessKey: "timing-secret" };

afterEach(() => vi.mocked(crypto.timingSafeEqual).mockClear());

describe("constant-time comparisons", () => {
  it.each([
    { case: "the right signature", secret: "timing-secret", ok: true },
    { case: "a wrong signature", secret: "other-secret", ok: false },
  ])("SigV4 verification compares $case with timingSafeEqual", async ({ secret, ok }) => {
    const request = await signedProtocolRequest("/sequencestore", '{"name":"t"}', signer, "127.0.0.1:8080");
    const target = request.url ?? request.path;
    const result = verifyRequest(
      { method: request.method, path: target, query: "", headers: request.headers, body: request.body },
      {
        service: "omics",
        regions: ["us-east-1"],
        lookupSecret: (id) =>
          id === signer.accessKeyId ? { secretAccessKey: secret, accountId: "123456789012" } : undefined,
      },
    );
    expect(result.ok).toBe(ok);
    expect(crypto.timingSafeEqual).toHaveBeenCalledTimes(1);
  });
});

describe("list tokens", () => {
  const binding = { secret: new Uint8Array(32).fill(7), accountId: "123456789012", filterHash: "f" };
  const token = encodeListToken(binding, { creationTime: new Date(0), id: "1234567890" });

  it.each([
    { case: "a genuine token", token, ok: true },
    { case: "a token with another MAC of the same length", token: `${token.slice(0, -2)}AA`, ok: false },
  ])("are checked with timingSafeEqual: $case", ({ token: given, ok }) => {
    expect(decodeListToken(binding, given) !== undefined).toBe(ok);
    expect(crypto.timingSafeEqual).toHaveBeenCalledTimes(1);
  });
});
