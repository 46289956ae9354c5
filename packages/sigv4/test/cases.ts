import type { OracleOptions, TestRequest } from "./oracle.js";

export interface SigningCase {
  readonly name: string;
  readonly request: TestRequest;
  readonly options?: OracleOptions;
}

export const JSON_BODY = JSON.stringify({ name: "store", sseConfig: { type: "KMS" }, clientToken: "t-1" });
export const BINARY_BODY = Uint8Array.from({ length: 300 }, (_, index) => (index * 37) % 256);

/** Requests the signer must sign exactly as the AWS SDK does, and the verifier must accept. */
export const signingCases: readonly SigningCase[] = [
  {
    name: "POST JSON body (CreateSequenceStore)",
    request: {
      method: "POST",
      url: "https://omics.us-east-1.amazonaws.com/sequencestore",
      headers: { "content-type": "application/json", "content-length": String(JSON_BODY.length) },
      body: JSON_BODY,
    },
  },
  { name: "GET, empty body, root path", request: { method: "GET", url: "https://example.com/" } },
  {
    name: "repeated query keys sorted by value, keys sorted",
    request: { method: "GET", url: "https://example.com/list?b=2&a=1&a=0&a=10&A=x&a-b=y" },
  },
  {
    name: "query with special characters, empty value, tilde and star",
    request: {
      method: "GET",
      url: "https://example.com/q?q=a%20b&plus=%2B&euro=%E2%82%AC&empty=&tilde=~&star=*&slash=a%2Fb&eq=%3D%26",
    },
  },
  {
    name: "path with space, unicode and reserved characters (double-encoded)",
    request: {
      method: "GET",
      url: "https://example.com/sequencestore/a%20b/%C3%BC%E2%82%AC/%21%27%28%29%2A/x",
    },
  },
  {
    name: "path with raw sub-delims and an encoded slash",
    request: { method: "DELETE", url: "https://example.com/p/$&+,;=:@/a%2Fb" },
  },
  {
    name: "path with empty segments and trailing slash",
    request: { method: "GET", url: "https://example.com/a//b/" },
  },
  {
    name: "path with a percent sign escaped once",
    request: { method: "GET", url: "https://example.com/100%25/done" },
  },
  {
    name: "several headers, mixed case, extra whitespace, unsignable ones",
    request: {
      method: "PUT",
      url: "https://example.com/h",
      headers: {
        "X-Custom": "  a   b  ",
        "x-tabbed": "v\t\tx",
        "X-Amz-Meta-Key": "Value",
        "User-Agent": "test-agent",
        "X-Amzn-Trace-Id": "Root=1",
        Expect: "100-continue",
        "Content-Type": "application/octet-stream",
      },
      body: "x",
    },
  },
  {
    name: "binary body",
    request: { method: "PUT", url: "https://example.com/part/1", body: BINARY_BODY },
  },
  {
    name: "unicode string body",
    request: { method: "POST", url: "https://example.com/u", body: '{"name":"séquence ✓"}' },
  },
  {
    name: "non-default port, other region and service",
    request: { method: "POST", url: "http://127.0.0.1:8080/sequencestore", body: "{}" },
    options: { region: "eu-west-2", service: "execute-api" },
  },
  {
    name: "temporary credentials (session token)",
    request: { method: "POST", url: "https://example.com/sequencestore", body: "{}" },
    options: { sessionToken: "FwoGZXIvYXdzEXAMPLE+/token=" },
  },
  {
    name: "caller-provided UNSIGNED-PAYLOAD",
    request: {
      method: "PUT",
      url: "https://example.com/upload",
      headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
      body: "not hashed",
    },
  },
  {
    name: "host prefix (control-storage-) in the URL",
    request: { method: "POST", url: "https://control-storage-omics.us-west-2.amazonaws.com/sequencestore" },
    options: { region: "us-west-2" },
  },
];
