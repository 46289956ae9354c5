// The body filters of @httpChecksumRequired and @requestCompression, checked against their standards.
import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { contentMd5, md5 } from "../src/runtime/checksum.js";
import { gzipBody } from "../src/runtime/compression.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const hex = (digest: Uint8Array) => Buffer.from(digest).toString("hex");

describe("md5", () => {
  // RFC 1321 appendix A.5, and lengths around the 56-byte padding boundary against node:crypto.
  it.each([
    ["", "d41d8cd98f00b204e9800998ecf8427e"],
    ["a", "0cc175b9c0f1b6a831c399e269772661"],
    ["abc", "900150983cd24fb0d6963f7d28e17f72"],
    ["message digest", "f96b697d7cb7938d525a2f31aaf161d0"],
    [
      "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
      "57edf4a22be3c955ac49da2e2107b67a",
    ],
  ])("%j", (text, digest) => {
    expect(hex(md5(bytes(text)))).toBe(digest);
  });

  it("agrees with node:crypto on every length up to 200 bytes", () => {
    for (let length = 0; length <= 200; length++) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 255);
      expect(hex(md5(data))).toBe(createHash("md5").update(data).digest("hex"));
    }
  });

  it("sets Content-MD5 as base64 and passes the body through", () => {
    const headers: Record<string, string> = {};
    const body = bytes("abc");
    expect(contentMd5(body, headers, { options: {} })).toBe(body);
    expect(headers).toEqual({ "content-md5": "kAFQmDzST7DWlj99KOF/cg==" });
  });
});

describe("gzipBody", () => {
  const big = bytes("x".repeat(20_000));

  it("compresses a body of at least the minimum size and appends gzip to Content-Encoding", async () => {
    const headers: Record<string, string> = { "content-encoding": "custom" };
    const out = await gzipBody(big, headers, { options: {} });
    expect(out.byteLength).toBeLessThan(big.byteLength);
    expect(new Uint8Array(gunzipSync(out))).toEqual(big);
    expect(headers["content-encoding"]).toBe("custom, gzip");
  });

  it.each([
    ["a body under the default 10240 bytes", bytes("x".repeat(10_239)), {}],
    ["a body under a larger minimum", big, { requestMinCompressionSizeBytes: 20_001 }],
    ["compression turned off", big, { disableRequestCompression: true }],
  ])("leaves %s as it is", async (_, body, options) => {
    const headers = new Headers();
    expect(await gzipBody(body, headers, { options })).toBe(body);
    expect(headers.has("content-encoding")).toBe(false);
  });

  it.each([-1, 1.5, 10_485_761])("refuses requestMinCompressionSizeBytes %s", async (value) => {
    await expect(gzipBody(big, {}, { options: { requestMinCompressionSizeBytes: value } })).rejects.toThrow(
      /requestMinCompressionSizeBytes must be a whole number from 0 to 10485760/,
    );
  });
});
