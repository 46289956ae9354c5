// Labels and query parameters that are not valid percent-encoded UTF-8: the core refuses them (400)
// where a member binds them, and names that member; unbound query parameters are ignored.
import { describe, expect, it } from "vitest";
import { createProtocolHandler } from "../src/core/handle.js";
import type { OperationTable } from "../src/core/operation-table.js";
import type { ProtocolRequest } from "../src/core/protocol.js";

const table: OperationTable = {
  service: "Things",
  operations: [
    {
      name: "Search",
      handlerName: "search",
      method: "GET",
      uri: "/things/{thing}",
      code: 200,
      input: [
        { member: "thing", location: "label", wireName: "thing", type: { kind: "string" }, required: true },
        { member: "q", location: "query", wireName: "q", type: { kind: "string" }, required: false },
        {
          member: "extra",
          location: "queryParams",
          wireName: "",
          type: { kind: "map", value: { kind: "string" } },
          required: false,
        },
      ],
      output: [],
      errors: [],
    },
  ],
  structures: {},
  errors: {},
};

const core = createProtocolHandler({ operations: table, handlers: { search: async () => ({}) } });

function get(path: string, undecodableQuery?: string[]): ProtocolRequest {
  return {
    method: "GET",
    path,
    query: {},
    headers: {},
    body: Buffer.alloc(0),
    ...(undecodableQuery ? { undecodableQuery } : {}),
  };
}

describe("undecodable labels and query parameters", () => {
  it.each([
    ["a bound query parameter", get("/things/a", ["q"]), [{ path: "/q", what: '"q"' }]],
    [
      "one caught by @httpQueryParams",
      get("/things/a", ["other"]),
      [{ path: "/extra/other", what: '"other"' }],
    ],
    ["a label", get("/things/%ZZ"), [{ path: "/thing", what: '"%ZZ"' }]],
    ["a label and a parameter", get("/things/%ZZ", ["q"]), [{ path: "/thing" }, { path: "/q" }]],
  ])("%s → 400 at the member", async (_name, request, expected) => {
    const response = await core.handle(request);
    expect(response.status).toBe(400);
    const body = JSON.parse(response.body.toString("utf8")) as {
      fieldList: { path: string; message: string }[];
    };
    expect(body.fieldList.map((f) => f.path)).toEqual(expected.map((e) => e.path));
    for (const [i, e] of expected.entries()) {
      if ("what" in e) expect(body.fieldList[i]?.message).toContain(e.what);
    }
  });

  it("answers a clean request", async () => {
    expect((await core.handle(get("/things/a%20b"))).status).toBe(200);
  });
});
