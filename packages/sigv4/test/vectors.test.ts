// Requests in the style of AWS's SigV4 test suite (service "service", us-east-1, 20150830T123600Z,
// host example.amazonaws.com). Expectations come from the SDK signer as an oracle, not from the
// suite's files.
import { describe, expect, it } from "vitest";
import { signRequest } from "../src/index.js";
import { verifyRequest } from "../src/verify/index.js";
import {
  ACCESS_KEY_ID,
  ACCOUNT_ID,
  type OracleOptions,
  oracleSign,
  received,
  SECRET_ACCESS_KEY,
  type TestRequest,
} from "./oracle.js";

const HOST = "https://example.amazonaws.com";
const SUITE: OracleOptions = {
  service: "service",
  region: "us-east-1",
  date: new Date("2015-08-30T12:36:00Z"),
};
const UNRESERVED = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

interface Vector {
  readonly name: string;
  readonly request: TestRequest;
  /** Header values as a server receives repeated headers (Node: arrays or comma-joined). */
  readonly receivedHeaders?: Record<string, string | readonly string[]>;
  readonly sessionToken?: string;
}

const vectors: readonly Vector[] = [
  { name: "get-vanilla", request: { method: "GET", url: `${HOST}/` } },
  { name: "get-vanilla-query", request: { method: "GET", url: `${HOST}/?Param2=value2&Param1=value1` } },
  {
    name: "get-vanilla-query-order-key-case",
    request: { method: "GET", url: `${HOST}/?Param2=value2&Param1=value1` },
  },
  {
    name: "get-vanilla-query-order-value",
    request: { method: "GET", url: `${HOST}/?Param1=value2&Param1=Value1` },
  },
  {
    name: "get-vanilla-query-unreserved",
    request: { method: "GET", url: `${HOST}/?${UNRESERVED}=${UNRESERVED}` },
  },
  { name: "get-vanilla-utf8-query", request: { method: "GET", url: `${HOST}/?%E1%88%B4=bar` } },
  { name: "get-vanilla-query-single", request: { method: "GET", url: `${HOST}/?Param1=value1` } },
  { name: "get-utf8", request: { method: "GET", url: `${HOST}/%E1%88%B4` } },
  { name: "get-unreserved", request: { method: "GET", url: `${HOST}/${UNRESERVED}` } },
  { name: "get-space", request: { method: "GET", url: `${HOST}/example%20space/` } },
  { name: "get-slash", request: { method: "GET", url: `${HOST}//`, rawPath: "//" } },
  { name: "get-slashes", request: { method: "GET", url: `${HOST}//example//`, rawPath: "//example//" } },
  { name: "get-slash-dot-slash", request: { method: "GET", url: `${HOST}/./`, rawPath: "/./" } },
  {
    name: "get-slash-pointless-dot",
    request: { method: "GET", url: `${HOST}/./example`, rawPath: "/./example" },
  },
  { name: "get-relative", request: { method: "GET", url: `${HOST}/example/..`, rawPath: "/example/.." } },
  {
    name: "get-relative-relative",
    request: { method: "GET", url: `${HOST}/example1/example2/../..`, rawPath: "/example1/example2/../.." },
  },
  {
    name: "get-header-key-duplicate",
    request: { method: "GET", url: `${HOST}/`, headers: { "My-Header1": "value2,value2,value1" } },
    receivedHeaders: { "my-header1": ["value2", "value2", "value1"] },
  },
  {
    name: "get-header-value-order",
    request: { method: "GET", url: `${HOST}/`, headers: { "My-Header1": "value4,value1,value3,value2" } },
    receivedHeaders: { "my-header1": ["value4", "value1", "value3", "value2"] },
  },
  {
    name: "get-header-value-trim",
    request: {
      method: "GET",
      url: `${HOST}/`,
      headers: { "My-Header1": " value1", "My-Header2": ' "a   b   c"' },
    },
  },
  {
    name: "get-header-value-multiline",
    request: { method: "GET", url: `${HOST}/`, headers: { "My-Header1": "value1\n  value2\n     value3" } },
  },
  { name: "post-vanilla", request: { method: "POST", url: `${HOST}/` } },
  { name: "post-vanilla-query", request: { method: "POST", url: `${HOST}/?Param1=value1` } },
  {
    name: "post-header-key-case",
    request: { method: "POST", url: `${HOST}/`, headers: { "X-Custom": "v" } },
  },
  {
    name: "post-header-key-sort",
    request: { method: "POST", url: `${HOST}/`, headers: { "My-Header1": "value1", "A-Header": "a" } },
  },
  {
    name: "post-header-value-case",
    request: { method: "POST", url: `${HOST}/`, headers: { "My-Header1": "VALUE1" } },
  },
  {
    name: "post-x-www-form-urlencoded",
    request: {
      method: "POST",
      url: `${HOST}/`,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "Param1=value1",
    },
  },
  {
    name: "post-x-www-form-urlencoded-parameters",
    request: {
      method: "POST",
      url: `${HOST}/`,
      headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf-8" },
      body: "Param1=value1",
    },
  },
  {
    name: "post-sts-header-after",
    request: { method: "POST", url: `${HOST}/` },
    sessionToken:
      "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==",
  },
];

async function ours(vector: Vector) {
  const { request } = vector;
  return signRequest(
    { method: request.method, url: request.url, headers: request.headers, body: request.body },
    {
      accessKeyId: ACCESS_KEY_ID,
      secretAccessKey: SECRET_ACCESS_KEY,
      sessionToken: vector.sessionToken,
      region: SUITE.region!,
      service: SUITE.service!,
      now: SUITE.date,
    },
  );
}

describe("SigV4 test-suite style requests", () => {
  it.each(vectors)("signer matches the SDK: $name", async (vector) => {
    const theirs = await oracleSign(vector.request, { ...SUITE, sessionToken: vector.sessionToken });
    expect((await ours(vector)).authorization).toBe(theirs.authorization);
  });

  it.each(vectors)("verifier accepts the suite's form (no x-amz-content-sha256): $name", async (vector) => {
    const { request } = vector;
    const headers = await oracleSign(request, {
      ...SUITE,
      sessionToken: vector.sessionToken,
      applyChecksum: false,
    });
    expect(headers["x-amz-content-sha256"]).toBeUndefined();
    const lowerCased = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
    );
    const onTheWire = { ...lowerCased, ...vector.receivedHeaders };
    const result = verifyRequest(
      received(request.url, request.method, onTheWire, request.body, request.rawPath),
      {
        service: "service",
        lookupSecret: () => ({ secretAccessKey: SECRET_ACCESS_KEY, accountId: ACCOUNT_ID }),
        now: SUITE.date,
      },
    );
    expect(result).toMatchObject({ ok: true, region: "us-east-1" });
  });
});
