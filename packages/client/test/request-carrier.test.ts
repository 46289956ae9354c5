// Method calls never build a real Request (a light carrier goes to the transport), whatever
// middleware `raw` holds; that middleware, added up front or later through `raw.use`, runs for raw
// calls only, and sees a real Request. The request on the wire is the same either way.
import type { Middleware } from "openapi-fetch";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createOmicsClient } from "../src/index.js";
import { fakeFetch, type RecordedRequest } from "./fake-fetch.js";
import { verifyRecorded } from "./verify-recorded.js";

const created = { id: "1", name: "store", creationTime: "2024-05-01T12:30:45Z" };
const signing = {
  region: "us-east-1",
  credentials: { accessKeyId: "AKID", secretAccessKey: "secret" },
  now: () => Date.UTC(2024, 4, 1),
};

type Setup = "none" | "option" | "raw.use";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe.each([
  { signed: false, setup: "none" as Setup },
  { signed: false, setup: "option" as Setup },
  { signed: false, setup: "raw.use" as Setup },
  { signed: true, setup: "none" as Setup },
  { signed: true, setup: "option" as Setup },
  { signed: true, setup: "raw.use" as Setup },
])("method call, signed: $signed, middleware: $setup", ({ signed, setup }) => {
  it("sends a light carrier, and leaves middleware to raw calls", async () => {
    const fake = fakeFetch({ body: created });
    const fetchInputs: unknown[] = [];
    // Counts the Requests built before fetch is reached (openapi-fetch takes the global class).
    let built = 0;
    vi.stubGlobal(
      "Request",
      class extends Request {
        constructor(...args: ConstructorParameters<typeof Request>) {
          super(...args);
          built++;
        }
      },
    );
    let builtBeforeFetch = -1;
    const seen: unknown[] = [];
    const middleware: Middleware = { onRequest: ({ request }) => void seen.push(request) };
    const client = createOmicsClient({
      baseUrl: "http://omics.test",
      disableHostPrefix: true,
      fetch: (input, init) => {
        fetchInputs.push(input);
        builtBeforeFetch = built;
        return fake.fetch(input, init);
      },
      ...(signed ? signing : {}),
      ...(setup === "option" ? { middleware: [middleware] } : {}),
    });
    if (setup === "raw.use") client.raw.use(middleware);

    const output = await client.createSequenceStore({ name: "store", clientToken: "token" });

    expect(output.creationTime).toEqual(new Date(created.creationTime));
    expect(seen).toHaveLength(0);
    // The transport hands fetch a URL and init, never a Request.
    expect(fetchInputs).toEqual(["http://omics.test/sequencestore"]);
    expect(builtBeforeFetch).toBe(0);
    const [request] = fake.requests;
    expect(request?.method).toBe("POST");
    expect(request?.url.href).toBe("http://omics.test/sequencestore");
    expect(request?.headers.get("content-type")).toBe("application/json");
    expect(request?.headers.get("amz-sdk-request")).toBe("attempt=1; max=3");
    expect(JSON.parse(request?.body ?? "")).toEqual({ name: "store", clientToken: "token" });
    expect(request?.headers.get("authorization") ?? "unsigned").toMatch(
      signed ? /^AWS4-HMAC-SHA256 Credential=AKID\/20240501\/us-east-1\/omics\/aws4_request, / : /^unsigned$/,
    );

    const raw = await client.raw.POST("/sequencestore", { body: { name: "store", clientToken: "token" } });
    expect(raw.data?.id).toBe(created.id);
    expect(seen).toHaveLength(setup === "none" ? 0 : 1);
    for (const request of seen) expect(request).toBeInstanceOf(Request);
    const rawRequest = fake.requests[1];
    expect(rawRequest?.url.href).toBe(request?.url.href);
    expect(rawRequest?.body).toBe(request?.body);
  });
});

describe("signatures", () => {
  it("verify, and sign the same headers, method calls and raw calls with middleware", async () => {
    const signedHeaders: string[] = [];
    for (const middleware of [[], [{ onRequest: () => undefined }]] as Middleware[][]) {
      const fake = fakeFetch({ body: created });
      const client = createOmicsClient({
        baseUrl: "http://omics.test",
        fetch: fake.fetch,
        ...signing,
        middleware,
      });
      if (middleware.length === 0) await client.createSequenceStore({ name: "store", clientToken: "token" });
      else await client.raw.POST("/sequencestore", { body: { name: "store", clientToken: "token" } });
      const request = fake.requests[0] as RecordedRequest;
      const result = verifyRecorded(request, signing.now(), () => ({
        secretAccessKey: "secret",
        accountId: "123456789012",
      }));
      expect(result).toMatchObject({ ok: true });
      signedHeaders.push(/SignedHeaders=([^,]+)/.exec(request.headers.get("authorization") ?? "")?.[1] ?? "");
    }
    expect(signedHeaders[0]).toContain("content-length;content-type;host");
    // A raw call carries no SDK headers of its own; the rest is signed alike.
    expect(signedHeaders[1]).toBe("content-length;content-type;host;x-amz-content-sha256;x-amz-date");
  });
});
