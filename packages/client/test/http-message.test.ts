import { describe, expect, it } from "vitest";
import { buildRequest, readResponse, splitHeaderList } from "../src/runtime/http-message.js";
import type { MessageSpec, OperationSpec, ShapeTable } from "../src/runtime/spec.js";

const table: ShapeTable = {
  Input: { type: "structure", members: { note: { jsonName: "Note" } } },
  Output: { type: "structure", members: { size: {} } },
};

const empty: MessageSpec = { labels: [], query: [], headers: [], body: [] };

const spec: OperationSpec = {
  name: "PutObject",
  method: "PUT",
  path: "/buckets/{bucket}/{key+}",
  queryLiterals: { "x-id": "PutObject" },
  code: 200,
  request: {
    shape: "Input",
    labels: [
      { member: "bucket", name: "bucket", type: "string" },
      { member: "key", name: "key", type: "string", greedy: true },
    ],
    query: [
      { member: "tags", name: "tag", type: "string", list: true },
      { member: "since", name: "since", type: "timestamp" },
    ],
    queryParams: "extra",
    headers: [
      { member: "names", name: "x-names", type: "string", list: true },
      { member: "when", name: "x-when", type: "timestamp" },
      { member: "force", name: "x-force", type: "boolean" },
    ],
    prefixHeaders: { member: "meta", prefix: "x-meta-" },
    body: ["note"],
  },
  response: empty,
  errors: [],
};

describe("buildRequest", () => {
  it("binds labels, query, headers and body", () => {
    const when = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
    const parts = buildRequest(
      spec,
      {
        bucket: "my bucket",
        key: "a/b c/d!",
        tags: ["x", "y"],
        since: when,
        extra: { tag: "ignored", other: "1" },
        names: ["plain", "with, comma"],
        when,
        force: false,
        meta: { owner: "me" },
        note: "hi",
      },
      table,
    );
    expect(parts).toEqual({
      path: { bucket: "my%20bucket", key: "a/b%20c/d%21" },
      query: { tag: ["x", "y"], since: "2024-01-02T03:04:05Z", other: "1", "x-id": "PutObject" },
      headers: {
        "x-names": 'plain, "with, comma"',
        "x-when": "Tue, 02 Jan 2024 03:04:05 GMT",
        "x-force": "false",
        "x-meta-owner": "me",
        "content-type": "application/json",
      },
      body: '{"Note":"hi"}',
    });
  });

  it.each([{ bucket: undefined }, { bucket: "" }])("refuses a missing label (%o)", (input) => {
    expect(() => buildRequest(spec, { ...input, key: "k" }, table)).toThrow(/'bucket' is bound to the URI/);
  });

  it("sends an empty JSON object when no body member is set", () => {
    expect(buildRequest(spec, { bucket: "b", key: "k" }, table).body).toBe("{}");
  });
});

describe("readResponse", () => {
  it("reads headers, prefix headers, status and body", () => {
    const message: MessageSpec = {
      shape: "Output",
      labels: [],
      query: [],
      headers: [
        { member: "count", name: "x-count", type: "number" },
        { member: "dates", name: "x-dates", type: "timestamp", list: true },
      ],
      prefixHeaders: { member: "meta", prefix: "X-Meta-" },
      responseCode: "status",
      body: ["size"],
    };
    const headers = new Headers({
      "x-count": "3",
      "x-dates": "Mon, 01 Jan 2024 00:00:00 GMT, Tue, 02 Jan 2024 00:00:00 GMT",
      "x-meta-owner": "me",
    });
    expect(readResponse(message, { status: 201, headers, body: '{"size":7}' }, table)).toEqual({
      count: 3,
      dates: [new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 0, 2))],
      meta: { owner: "me" },
      status: 201,
      size: 7,
    });
  });

  it("refuses a body that is not JSON", () => {
    const message: MessageSpec = { ...empty, shape: "Output", body: ["size"] };
    expect(() =>
      readResponse(message, { status: 200, headers: new Headers(), body: "<html>" }, table),
    ).toThrow(/not JSON/);
  });
});

describe("splitHeaderList", () => {
  it.each([
    { text: "a, b,c", expected: ["a", "b", "c"] },
    { text: '"a, b", c', expected: ["a, b", "c"] },
    { text: '"say \\"hi\\"", x', expected: ['say "hi"', "x"] },
  ])("$text", ({ text, expected }) => {
    expect(splitHeaderList(text, "string")).toEqual(expected);
  });
});
