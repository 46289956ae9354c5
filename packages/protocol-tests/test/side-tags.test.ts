// Cases of operations and errors tagged `client-only` or `server-only` (Smithy's suite marks some so,
// and smithy-typescript honours the tags): skipped on the other side, with the reason; untagged ones run.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../src/paths.js";
import { loadModel } from "../src/run.js";
import { collectCases, sideTagReason } from "../src/suite.js";

const MODEL = `$version: "2.0"
namespace example.tags
use aws.protocols#restJson1
use smithy.test#httpRequestTests
use smithy.test#httpResponseTests

@restJson1
service Tags { version: "1", operations: [ForClients, ForServers, ForBoth] }

@tags(["client-only"])
@http(method: "GET", uri: "/clients")
@httpRequestTests([{ id: "ClientsRequest", protocol: restJson1, method: "GET", uri: "/clients" }])
operation ForClients {}

@tags(["server-only", "other"])
@http(method: "GET", uri: "/servers")
@httpRequestTests([{ id: "ServersRequest", protocol: restJson1, method: "GET", uri: "/servers" }])
operation ForServers {}

@tags(["other"])
@http(method: "GET", uri: "/both")
@httpRequestTests([{ id: "BothRequest", protocol: restJson1, method: "GET", uri: "/both" }])
operation ForBoth { errors: [ClientSideError] }

@tags(["client-only"])
@error("server")
@httpError(500)
@httpResponseTests([{ id: "ClientSideErrorResponse", protocol: restJson1, code: 500 }])
structure ClientSideError {}
`;

describe("side tags", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "side-tags-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, "tags.smithy");
  writeFileSync(file, MODEL);
  const model = loadModel([file, path.join(repoRoot, "model/smithy/traits")]);
  const skipped = collectCases(model, "example.tags#Tags")
    .map((c) => [c.category, c.key, sideTagReason(model, c) ?? "runs"])
    .sort(([a = "", b = ""], [c = "", d = ""]) => (b + a < d + c ? -1 : 1));

  it("keeps each tagged operation's and error's cases to its side, and runs the rest", () => {
    expect(skipped).toEqual([
      ["client-requests", "BothRequest", "runs"],
      ["server-requests", "BothRequest", "runs"],
      ["client-responses", "ClientSideErrorResponse", "runs"],
      [
        "server-responses",
        "ClientSideErrorResponse",
        expect.stringContaining('ClientSideError is tagged "client-only"'),
      ],
      ["client-requests", "ClientsRequest", "runs"],
      ["server-requests", "ClientsRequest", expect.stringContaining('ForClients is tagged "client-only"')],
      ["client-requests", "ServersRequest", expect.stringContaining('ForServers is tagged "server-only"')],
      ["server-requests", "ServersRequest", "runs"],
    ]);
  });
});
