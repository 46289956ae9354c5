import { describe, expect, it } from "vitest";
import { type VerifiableRequest, type VerifyOptions, verifyRequest } from "../src/verify/index.js";
import { JSON_BODY, signingCases } from "./cases.js";
import {
  ACCESS_KEY_ID,
  ACCOUNT_ID,
  type OracleOptions,
  oracleSign,
  received,
  SECRET_ACCESS_KEY,
  SIGNING_DATE,
  type TestRequest,
} from "./oracle.js";

const TEMP_KEY_ID = "ASIATEMPORARY";
const SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLE+/token=";

const SECRETS = new Map([
  [ACCESS_KEY_ID, { secretAccessKey: SECRET_ACCESS_KEY, accountId: ACCOUNT_ID }],
  [
    TEMP_KEY_ID,
    { secretAccessKey: SECRET_ACCESS_KEY, accountId: "210987654321", sessionToken: SESSION_TOKEN },
  ],
]);

function verifyOptions(overrides: Partial<VerifyOptions> = {}): VerifyOptions {
  return {
    service: "omics",
    regions: ["us-east-1", "us-west-2"],
    lookupSecret: (accessKeyId) => SECRETS.get(accessKeyId),
    now: SIGNING_DATE,
    ...overrides,
  };
}

const CREATE: TestRequest = {
  method: "POST",
  url: "https://omics.us-east-1.amazonaws.com/sequencestore?x=1",
  headers: { "content-type": "application/json" },
  body: JSON_BODY,
};

/** Signs `request` with the SDK signer and returns what the server receives. */
async function signedByOracle(request: TestRequest = CREATE, options: OracleOptions = {}) {
  const headers = await oracleSign(request, options);
  return received(request.url, request.method, headers, request.body);
}

function minutes(count: number) {
  return count * 60_000;
}

describe("verifyRequest accepts what the AWS SDK signer produces", () => {
  it.each(signingCases)("$name", async ({ request, options }) => {
    const result = verifyRequest(
      await signedByOracle(request, options),
      verifyOptions({ service: options?.service ?? "omics", regions: undefined }),
    );
    expect(result).toEqual({
      ok: true,
      accessKeyId: ACCESS_KEY_ID,
      accountId: ACCOUNT_ID,
      region: options?.region ?? "us-east-1",
      signedAt: SIGNING_DATE,
      presigned: false,
    });
  });

  it.each(signingCases)(
    "without x-amz-content-sha256 (botocore style): $name",
    async ({ request, options }) => {
      const signed = await signedByOracle(request, { ...options, applyChecksum: false });
      const result = verifyRequest(
        signed,
        verifyOptions({ service: options?.service ?? "omics", regions: undefined }),
      );
      expect(result.ok).toBe(true);
    },
  );
});

type Mutation = (request: VerifiableRequest) => VerifiableRequest;

const withHeaders =
  (change: (headers: Record<string, string>) => void): Mutation =>
  (request) => {
    const headers = { ...(request.headers as Record<string, string>) };
    change(headers);
    return { ...request, headers };
  };

const editAuthorization = (edit: (value: string) => string): Mutation =>
  withHeaders((headers) => {
    headers.authorization = edit(headers.authorization!);
  });

interface RejectCase {
  readonly name: string;
  readonly mutate?: Mutation;
  readonly sign?: OracleOptions;
  readonly options?: Partial<VerifyOptions>;
  readonly code: string;
  readonly message?: string | RegExp;
}

const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. " +
  "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

const rejectCases: readonly RejectCase[] = [
  {
    name: "body tampered (x-amz-content-sha256 sent)",
    mutate: (request) => ({ ...request, body: new TextEncoder().encode('{"name":"other"}') }),
    code: "XAmzContentSHA256Mismatch",
    message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
  },
  {
    name: "body tampered (no x-amz-content-sha256)",
    sign: { applyChecksum: false },
    mutate: (request) => ({ ...request, body: new TextEncoder().encode('{"name":"other"}') }),
    code: "SignatureDoesNotMatch",
    message: SIGNATURE_MISMATCH,
  },
  {
    name: "x-amz-content-sha256 tampered to match a different body",
    mutate: (request) => ({
      ...withHeaders((headers) => {
        headers["x-amz-content-sha256"] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
      })(request),
      body: new Uint8Array(),
    }),
    code: "SignatureDoesNotMatch",
  },
  {
    name: "signed header tampered",
    mutate: withHeaders((headers) => {
      headers["content-type"] = "text/plain";
    }),
    code: "SignatureDoesNotMatch",
  },
  {
    name: "signed header removed",
    mutate: withHeaders((headers) => {
      delete headers["content-type"];
    }),
    code: "SignatureDoesNotMatch",
  },
  {
    name: "host changed",
    mutate: withHeaders((headers) => {
      headers.host = "evil.example.com";
    }),
    code: "SignatureDoesNotMatch",
  },
  {
    name: "query value tampered",
    mutate: (request) => ({ ...request, query: "x=2" }),
    code: "SignatureDoesNotMatch",
  },
  {
    name: "query parameter added",
    mutate: (request) => ({ ...request, query: "x=1&y=1" }),
    code: "SignatureDoesNotMatch",
  },
  {
    name: "path tampered",
    mutate: (request) => ({ ...request, path: "/sequencestores" }),
    code: "SignatureDoesNotMatch",
  },
  {
    name: "method changed",
    mutate: (request) => ({ ...request, method: "PUT" }),
    code: "SignatureDoesNotMatch",
  },
  { name: "signed with a wrong secret", sign: { secretAccessKey: "wrong" }, code: "SignatureDoesNotMatch" },
  {
    name: "signature truncated",
    mutate: editAuthorization((value) => value.slice(0, -2)),
    code: "SignatureDoesNotMatch",
  },
  {
    name: "signature upper-cased",
    mutate: editAuthorization((value) =>
      value.replace(/Signature=(\w+)$/, (_, hex: string) => `Signature=${hex.toUpperCase()}`),
    ),
    code: "SignatureDoesNotMatch",
  },
  {
    name: "unknown access key",
    mutate: editAuthorization((value) => value.replace(ACCESS_KEY_ID, "AKIDUNKNOWN")),
    code: "UnrecognizedClientException",
    message: "The security token included in the request is invalid.",
  },
  {
    name: "stale: one second past the 5 minute window",
    options: { now: new Date(SIGNING_DATE.getTime() + minutes(5) + 1000) },
    code: "RequestExpired",
    message:
      "Signature expired: 20240101T000000Z is now earlier than 20240101T000001Z (20240101T000501Z - 5 min.)",
  },
  {
    name: "future: one second beyond the 5 minute window",
    options: { now: new Date(SIGNING_DATE.getTime() - minutes(5) - 1000) },
    code: "RequestExpired",
    message:
      "Signature not yet current: 20240101T000000Z is still later than 20231231T235959Z (20231231T235459Z + 5 min.)",
  },
  {
    name: "stale with a custom skew",
    options: { now: new Date(SIGNING_DATE.getTime() + minutes(10)), maxSkewMs: minutes(1) },
    code: "RequestExpired",
    message:
      "Signature expired: 20240101T000000Z is now earlier than 20240101T000900Z (20240101T001000Z - 1 min.)",
  },
  {
    name: "no Authorization header",
    mutate: withHeaders((headers) => {
      delete headers.authorization;
    }),
    code: "MissingAuthenticationToken",
    message: "Missing Authentication Token",
  },
  {
    name: "Authorization with another scheme",
    mutate: editAuthorization(() => "Bearer abc"),
    code: "IncompleteSignature",
    message: /^Unsupported Authorization algorithm 'Bearer'/,
  },
  {
    name: "Authorization without Signature",
    mutate: editAuthorization((value) => value.replace(/, Signature=\w+$/, "")),
    code: "IncompleteSignature",
    message:
      /^Authorization header requires 'Signature' parameter\. Authorization=AWS4-HMAC-SHA256 Credential=/,
  },
  {
    name: "Authorization without Credential and SignedHeaders",
    mutate: editAuthorization(() => "AWS4-HMAC-SHA256 Signature=abc"),
    code: "IncompleteSignature",
    message:
      "Authorization header requires 'Credential' parameter. Authorization header requires 'SignedHeaders' " +
      "parameter. Authorization=AWS4-HMAC-SHA256 Signature=abc",
  },
  {
    name: "Authorization part without equal sign",
    mutate: editAuthorization((value) => `${value}, garbage`),
    code: "IncompleteSignature",
    message: "Invalid key=value pair (missing equal-sign) in Authorization header: 'garbage'.",
  },
  {
    name: "Credential with four elements",
    mutate: editAuthorization((value) => value.replace("/us-east-1/", "/")),
    code: "IncompleteSignature",
    message:
      "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, " +
      "got 'AKIDEXAMPLE/20240101/omics/aws4_request'",
  },
  {
    name: "no x-amz-date header",
    mutate: withHeaders((headers) => {
      delete headers["x-amz-date"];
    }),
    code: "IncompleteSignature",
    message: "Authorization header requires existence of a 'X-Amz-Date' header.",
  },
  {
    name: "x-amz-date in extended ISO format",
    mutate: withHeaders((headers) => {
      headers["x-amz-date"] = "2024-01-01T00:00:00Z";
    }),
    code: "IncompleteSignature",
    message: /^Date must be in ISO-8601 'basic format'\. Got '2024-01-01T00:00:00Z'/,
  },
  {
    name: "x-amz-date on another day than the credential scope",
    mutate: withHeaders((headers) => {
      headers["x-amz-date"] = "20240102T000000Z";
    }),
    code: "InvalidSignature",
    message:
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: " +
      "'20240101' != '20240102', from '20240102T000000Z'.",
  },
  {
    name: "host not signed",
    mutate: editAuthorization((value) => value.replace("host;", "")),
    code: "InvalidSignature",
    message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
  },
  {
    name: "x-amz-date not signed",
    mutate: editAuthorization((value) => value.replace(";x-amz-date", "")),
    code: "InvalidSignature",
    message: "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.",
  },
  {
    name: "wrong service",
    sign: { service: "s3" },
    code: "InvalidSignature",
    message: "Credential should be scoped to correct service: 'omics'.",
  },
  {
    name: "disallowed region",
    sign: { region: "ap-south-1" },
    code: "InvalidSignature",
    message: "Credential should be scoped to a valid region, not 'ap-south-1'.",
  },
  {
    name: "wrong scope terminator",
    mutate: editAuthorization((value) => value.replace("aws4_request", "aws5_request")),
    code: "InvalidSignature",
    message: "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.",
  },
  {
    name: "streaming payload signature",
    mutate: withHeaders((headers) => {
      headers["x-amz-content-sha256"] = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    }),
    code: "XAmzContentSHA256Mismatch",
    message: /streaming payload signing is not supported/,
  },
  {
    name: "temporary key without its session token",
    mutate: editAuthorization((value) => value.replace(ACCESS_KEY_ID, TEMP_KEY_ID)),
    code: "UnrecognizedClientException",
  },
  {
    name: "temporary key with a wrong session token",
    sign: { sessionToken: "other-token" },
    mutate: editAuthorization((value) => value.replace(ACCESS_KEY_ID, TEMP_KEY_ID)),
    code: "UnrecognizedClientException",
  },
  {
    name: "temporary key with a session token that differs only in its last character",
    sign: { sessionToken: `${SESSION_TOKEN.slice(0, -1)}-` },
    mutate: editAuthorization((value) => value.replace(ACCESS_KEY_ID, TEMP_KEY_ID)),
    code: "UnrecognizedClientException",
  },
  {
    name: "temporary key with its session token plus a suffix",
    sign: { sessionToken: `${SESSION_TOKEN}x` },
    mutate: editAuthorization((value) => value.replace(ACCESS_KEY_ID, TEMP_KEY_ID)),
    code: "UnrecognizedClientException",
  },
  {
    name: "Authorization header and presigned query together",
    mutate: (request) => ({ ...request, query: `${request.query}&X-Amz-Algorithm=AWS4-HMAC-SHA256` }),
    code: "IncompleteSignature",
    message: /^Only one auth mechanism allowed/,
  },
];

const EXPECTED_KIND: Record<string, { errorType: string; httpStatus: number }> = {
  MissingAuthenticationToken: { errorType: "MissingAuthenticationTokenException", httpStatus: 403 },
  IncompleteSignature: { errorType: "IncompleteSignatureException", httpStatus: 400 },
  InvalidSignature: { errorType: "InvalidSignatureException", httpStatus: 403 },
  SignatureDoesNotMatch: { errorType: "InvalidSignatureException", httpStatus: 403 },
  RequestExpired: { errorType: "InvalidSignatureException", httpStatus: 403 },
  UnrecognizedClientException: { errorType: "UnrecognizedClientException", httpStatus: 403 },
  XAmzContentSHA256Mismatch: { errorType: "XAmzContentSHA256Mismatch", httpStatus: 400 },
};

describe("verifyRequest rejects", () => {
  it.each(rejectCases)("$name → $code", async ({ mutate, sign, options, code, message }) => {
    const signed = await signedByOracle(CREATE, sign);
    const result = verifyRequest((mutate ?? ((request) => request))(signed), verifyOptions(options));
    expect(result).toMatchObject({ ok: false, code, ...EXPECTED_KIND[code] });
    if (message !== undefined && !result.ok) {
      if (typeof message === "string") expect(result.message).toBe(message);
      else expect(result.message).toMatch(message);
    }
  });

  it("explains a signature mismatch with the server's canonical request (for logs)", async () => {
    const signed = await signedByOracle();
    const result = verifyRequest({ ...signed, method: "PUT" }, verifyOptions());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.debug?.canonicalRequest.split("\n").slice(0, 3)).toEqual(["PUT", "/sequencestore", "x=1"]);
    expect(result.debug?.stringToSign).toMatch(
      /^AWS4-HMAC-SHA256\n20240101T000000Z\n20240101\/us-east-1\/omics\/aws4_request\n[0-9a-f]{64}$/,
    );
  });
});

describe("verifyRequest accepts", () => {
  const accepted: readonly {
    name: string;
    mutate?: Mutation;
    sign?: OracleOptions;
    options?: Partial<VerifyOptions>;
  }[] = [
    { name: "exactly 5 minutes old", options: { now: new Date(SIGNING_DATE.getTime() + minutes(5)) } },
    { name: "exactly 5 minutes ahead", options: { now: new Date(SIGNING_DATE.getTime() - minutes(5)) } },
    {
      name: "an unsigned header changed on the way (user-agent)",
      mutate: withHeaders((headers) => {
        headers["user-agent"] = "proxy/1.0";
      }),
    },
    {
      name: "any region when regions is undefined",
      sign: { region: "ap-south-1" },
      options: { regions: undefined },
    },
    {
      name: "temporary key with its session token",
      sign: { sessionToken: SESSION_TOKEN },
      mutate: editAuthorization((value) => value.replace(ACCESS_KEY_ID, TEMP_KEY_ID)),
    },
    {
      name: "header names in any case",
      mutate: (request) => ({
        ...request,
        headers: Object.fromEntries(
          Object.entries(request.headers).map(([name, value]) => [name.toUpperCase(), value]),
        ),
      }),
    },
    {
      name: "HTTP/2 :authority instead of host",
      mutate: withHeaders((headers) => {
        headers[":authority"] = headers.host!;
        delete headers.host;
      }),
    },
  ];

  it.each(accepted)("$name", async ({ mutate, sign, options }) => {
    const signed = await signedByOracle(CREATE, sign);
    const result = verifyRequest((mutate ?? ((request) => request))(signed), verifyOptions(options));
    expect(result.ok).toBe(true);
  });

  it("UNSIGNED-PAYLOAD with any body", async () => {
    const request = { ...CREATE, headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" } };
    const signed = await signedByOracle(request);
    const result = verifyRequest({ ...signed, body: new Uint8Array([1, 2, 3]) }, verifyOptions());
    expect(result.ok).toBe(true);
  });

  it("repeated headers received as an array, joined with commas", async () => {
    const request = { ...CREATE, headers: { "x-multi": "a,b" } };
    const signed = await signedByOracle(request);
    const result = verifyRequest(
      { ...signed, headers: { ...signed.headers, "x-multi": [" a ", "b"] } },
      verifyOptions(),
    );
    expect(result.ok).toBe(true);
  });

  it("reports who signed and where", async () => {
    const signed = await signedByOracle(CREATE, { region: "us-west-2", sessionToken: SESSION_TOKEN });
    const result = verifyRequest(
      editAuthorization((value) => value.replace(ACCESS_KEY_ID, TEMP_KEY_ID))(signed),
      verifyOptions({ now: new Date(SIGNING_DATE.getTime() + 1000) }),
    );
    expect(result).toEqual({
      ok: true,
      accessKeyId: TEMP_KEY_ID,
      accountId: "210987654321",
      region: "us-west-2",
      signedAt: SIGNING_DATE,
      presigned: false,
    });
  });
});
