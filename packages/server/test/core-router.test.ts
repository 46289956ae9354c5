import { describe, expect, it } from "vitest";
import type { ProtocolQuery } from "../src/core/protocol.js";
import { createRouter } from "../src/core/router.js";
import { widgetTable } from "./fixtures/widget-table.js";

const router = createRouter(widgetTable.operations);

describe("core router", () => {
  const matches: [string, string, ProtocolQuery, string, Record<string, string>][] = [
    ["GET", "/widgets/w1", {}, "GetWidget", { widgetId: "w1" }],
    ["GET", "/widgets/w1/", {}, "GetWidget", { widgetId: "w1" }],
    ["get", "/widgets/w1", {}, "GetWidget", { widgetId: "w1" }],
    ["GET", "/widgets/a%20b", {}, "GetWidget", { widgetId: "a b" }],
    ["GET", "/widgets/a%2Fb", {}, "GetWidget", { widgetId: "a/b" }],
    ["GET", "/widgets/w1/files/a", {}, "GetFile", { widgetId: "w1", key: "a" }],
    ["GET", "/widgets/w1/files/a/b/c.txt", {}, "GetFile", { widgetId: "w1", key: "a/b/c.txt" }],
    ["GET", "/widgets/w1/files/a/b/metadata", {}, "GetFileMetadata", { widgetId: "w1", key: "a/b" }],
    ["POST", "/widgets", {}, "CreateWidget", {}],
    ["POST", "/widgets/w1", { action: "archive" }, "ArchiveWidget", { widgetId: "w1" }],
    ["POST", "/widgets/w1", { action: ["x", "archive"] }, "ArchiveWidget", { widgetId: "w1" }],
    ["DELETE", "/widgets/w1", {}, "DeleteWidget", { widgetId: "w1" }],
  ];
  it.each(matches)("%s %s %j → %s", (method, path, query, name, labels) => {
    const match = router.route(method, path, query);
    expect(match).toMatchObject({ kind: "match", labels });
    expect(match.kind === "match" && match.operation.name).toBe(name);
  });

  const misses: [string, string, ProtocolQuery, string[] | undefined][] = [
    ["GET", "/", {}, undefined],
    ["GET", "/gadgets", {}, undefined],
    ["GET", "/widgets/w1/files", {}, undefined],
    ["GET", "/%ZZ/w1", {}, undefined],
    ["PUT", "/widgets/w1", {}, ["DELETE", "GET"]],
    ["POST", "/widgets/w1", {}, ["DELETE", "GET"]],
    ["POST", "/widgets/w1", { action: "restore" }, ["DELETE", "GET"]],
    ["GET", "/widgets", {}, ["POST"]],
    ["PUT", "/widgets/%ZZ", {}, ["DELETE", "GET"]],
    // An empty segment never fills a label: "/widgets//" names no widget (404, not a 400 for an empty id).
    ["GET", "/widgets//", {}, undefined],
    ["DELETE", "/widgets//", {}, undefined],
    ["GET", "/widgets//files/a", {}, undefined],
  ];
  it.each(misses)("%s %s %j → %j", (method, path, query, allow) => {
    const match = router.route(method, path, query);
    expect(match).toEqual(allow ? { kind: "methodNotAllowed", allow } : { kind: "notFound" });
  });

  // The route is known, only the label is malformed: a match the core answers with 400, not a 404.
  const undecodable: [string, string, string, Record<string, string>, string[]][] = [
    ["GET", "/widgets/%E0%A4%A", "GetWidget", { widgetId: "%E0%A4%A" }, ["widgetId"]],
    ["GET", "/widgets/%ZZ", "GetWidget", { widgetId: "%ZZ" }, ["widgetId"]],
    ["GET", "/widgets/w1/files/a/%FF/c", "GetFile", { widgetId: "w1", key: "a/%FF/c" }, ["key"]],
    ["GET", "/widgets/%ZZ/files/%ZZ", "GetFile", { widgetId: "%ZZ", key: "%ZZ" }, ["widgetId", "key"]],
  ];
  it.each(undecodable)("%s %s → %s with undecodable labels", (method, path, name, labels, bad) => {
    const match = router.route(method, path, {});
    expect(match).toMatchObject({ kind: "match", labels, undecodable: bad });
    expect(match.kind === "match" && match.operation.name).toBe(name);
  });

  it("lists no undecodable labels when every label decodes", () => {
    const match = router.route("GET", "/widgets/a%20b", {});
    expect(match.kind === "match" && match.undecodable).toBeUndefined();
  });
});
