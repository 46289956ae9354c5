// The generator end to end: code generated from a model with every restJson1 binding (labels,
// query, headers, prefix headers, payloads, jsonName, unions, sparse lists) sends and reads what
// the protocol says. The code is written next to the tests so it imports the real runtime.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderModules } from "../codegen/render.js";
import { SpecBuilder } from "../codegen/specs.js";
import { fakeFetch } from "./fake-fetch.js";
import { model, NS } from "./fixture-model.js";

const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), ".generated");

interface Generated {
  createSvcBaseClient: (options: object) => {
    send: (operation: unknown, input?: object) => Promise<Record<string, unknown>>;
  };
  GetThing: unknown;
  PutThing: unknown;
  Busy: new (...args: never[]) => Error;
}

let generated: Generated;

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  const files = renderModules(new SpecBuilder(model, `${NS}Svc`), "Svc", `${NS}Svc`, "../../src/runtime");
  for (const [file, source] of Object.entries(files)) writeFileSync(path.join(outDir, file), source);
  writeFileSync(
    path.join(outDir, "index.ts"),
    'export * from "./client.js";\nexport * from "./errors.js";\nexport * from "./operations.js";\n',
  );
  generated = (await import(path.join(outDir, "index.ts"))) as Generated;
});

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function clientAnswering(...responses: Parameters<typeof fakeFetch>) {
  const fake = fakeFetch(...responses);
  const client = generated.createSvcBaseClient({
    baseUrl: "http://svc.test",
    fetch: fake.fetch,
    idempotencyToken: () => "tok",
    maxAttempts: 1,
  });
  return { client, requests: fake.requests };
}

const when = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));

describe("generated requests", () => {
  it("binds labels (greedy too), query lists, timestamps, literals and the idempotency token", async () => {
    const { client, requests } = clientAnswering({ body: "" });
    await client.send(generated.GetThing, { id: "a b", path: "x/y z!", since: when, sizes: [1, 2] });
    const url = requests[0]?.url;
    expect(url?.pathname).toBe("/things/a%20b/x/y%20z%21");
    // The uri's constant query first, as written; then the members.
    expect([...(url?.searchParams ?? [])]).toEqual([
      ["view", "full"],
      ["since", "2024-01-02T03:04:05Z"],
      ["size", "1"],
      ["size", "2"],
      ["token", "tok"],
    ]);
  });

  it("binds headers, prefix headers, query params and a JSON body with jsonName, blobs and unions", async () => {
    const { client, requests } = clientAnswering({ status: 201, body: {} });
    await client.send(generated.PutThing, {
      id: "t",
      names: ["plain", "with, comma"],
      when,
      force: false,
      meta: { owner: "me" },
      extra: { q: "1" },
      note: "hi",
      at: new Date(1500),
      bytes: new Uint8Array([104, 105]),
      choice: { $unknown: ["later", 1] },
      slots: [when, null],
    });
    const [request] = requests;
    expect(request?.method).toBe("PUT");
    expect(request?.url.search).toBe("?q=1");
    expect(request?.headers.get("x-names")).toBe('plain, "with, comma"');
    expect(request?.headers.get("x-when")).toBe("Tue, 02 Jan 2024 03:04:05 GMT");
    expect(request?.headers.get("x-force")).toBe("false");
    expect(request?.headers.get("x-meta-owner")).toBe("me");
    expect(request?.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(request?.body ?? "")).toEqual({
      Note: "hi",
      at: 1.5,
      bytes: "aGk=",
      choice: { later: 1 },
      slots: ["2024-01-02T03:04:05Z", null],
    });
  });

  it("refuses a missing label before sending anything", async () => {
    const { client, requests } = clientAnswering({ body: "" });
    await expect(client.send(generated.PutThing, { id: "" })).rejects.toThrow(
      "PutThing: the input member 'id' is bound to the URI and must be set",
    );
    expect(requests).toHaveLength(0);
  });
});

describe("generated responses", () => {
  it("reads the status, header lists, prefix headers and the body", async () => {
    const { client } = clientAnswering({
      status: 201,
      headers: {
        "x-dates": "Mon, 01 Jan 2024 00:00:00 GMT, Tue, 02 Jan 2024 00:00:00 GMT",
        "x-meta-owner": "me",
      },
      body: { Note: "hi", at: 1.5, choice: { text: "t" }, slots: ["2024-01-02T03:04:05Z", null], extra: 1 },
    });
    const { $metadata: _metadata, ...output } = await client.send(generated.PutThing, { id: "t" });
    expect(output).toEqual({
      status: 201,
      dates: [new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 0, 2))],
      meta: { owner: "me" },
      note: "hi",
      at: new Date(1500),
      choice: { text: "t" },
      slots: [when, null],
    });
  });

  it("reads a blob payload and a header", async () => {
    const { client } = clientAnswering({ headers: { etag: '"abc"' }, body: "hi" });
    const output = await client.send(generated.GetThing, { id: "a", path: "b" });
    expect(output.etag).toBe('"abc"');
    expect(output.data).toEqual(new Uint8Array([104, 105]));
  });

  it("reads an unknown union member as $unknown", async () => {
    const { client } = clientAnswering({ status: 201, body: { choice: { later: 2 } } });
    const output = await client.send(generated.PutThing, { id: "t" });
    expect(output.choice).toEqual({ $unknown: ["later", 2] });
  });

  it("reads an error's header-bound member", async () => {
    const { client } = clientAnswering({
      status: 503,
      headers: { "x-amzn-ErrorType": "Busy", "Retry-After": "7" },
      body: { message: "busy" },
    });
    const error = await client.send(generated.PutThing, { id: "t" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(generated.Busy);
    expect(error).toMatchObject({ name: "Busy", message: "busy", retryAfter: 7, $fault: "server" });
  });
});
