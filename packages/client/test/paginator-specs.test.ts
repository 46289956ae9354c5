// How the generator reads @paginated: service defaults merged with the operation's, nested token
// and item paths, map items (pages only), and clear errors for members that do not exist.
import type { AstModel, AstShape } from "@seqstore/smithy";
import { describe, expect, it } from "vitest";
import { accessor, pathType, paginatorSpec } from "../codegen/emit-paginators.js";
import { renderClient, renderPaginators } from "../codegen/render.js";
import { SpecBuilder } from "../codegen/specs.js";

const NS = "example.pages#";

function modelWith(paginated: Record<string, string>, outputMembers: AstShape["members"]): AstModel {
  const http = { "smithy.api#http": { method: "GET", uri: "/things", code: 200 } };
  return {
    smithy: "2.0",
    shapes: {
      [`${NS}Svc`]: {
        type: "service",
        version: "1",
        operations: [{ target: `${NS}ListThings` }],
        // Service-level defaults, which the operation's own values override.
        traits: {
          "smithy.api#paginated": { inputToken: "after", outputToken: "result.next", pageSize: "limit" },
        },
      },
      [`${NS}ListThings`]: {
        type: "operation",
        input: { target: `${NS}ListThingsInput` },
        output: { target: `${NS}ListThingsOutput` },
        traits: { ...http, "smithy.api#paginated": paginated },
      },
      [`${NS}ListThingsInput`]: {
        type: "structure",
        members: {
          after: { target: "smithy.api#String", traits: { "smithy.api#httpQuery": "after" } },
          limit: { target: "smithy.api#Integer", traits: { "smithy.api#httpQuery": "limit" } },
        },
      },
      [`${NS}ListThingsOutput`]: { type: "structure", members: outputMembers },
      [`${NS}Result`]: {
        type: "structure",
        members: {
          next: { target: "smithy.api#String" },
          things: { target: `${NS}ThingList` },
          byName: { target: `${NS}ThingMap` },
        },
      },
      [`${NS}ThingList`]: { type: "list", member: { target: "smithy.api#String" } },
      [`${NS}ThingMap`]: {
        type: "map",
        key: { target: "smithy.api#String" },
        value: { target: "smithy.api#String" },
      },
    },
  };
}

const nested = { result: { target: `${NS}Result` } };
const specsOf = (model: AstModel) => new SpecBuilder(model, `${NS}Svc`);

describe("paginatorSpec", () => {
  it("merges the service's defaults and follows nested paths", () => {
    const spec = paginatorSpec(specsOf(modelWith({ items: "result.things" }, nested)), `${NS}ListThings`);
    expect(spec).toEqual({
      operation: "ListThings",
      inputType: "ListThingsInput",
      outputType: "ListThingsOutput",
      inputOptional: true,
      inputToken: "after",
      pageSize: "limit",
      outputTokenPath: ["result", "next"],
      itemsPath: ["result", "things"],
    });
  });

  it("offers only pages when items is a map", () => {
    const spec = paginatorSpec(specsOf(modelWith({ items: "result.byName" }, nested)), `${NS}ListThings`);
    expect(spec?.itemsPath).toBeUndefined();
    const source = renderPaginators(specsOf(modelWith({ items: "result.byName" }, nested)));
    expect(source).toContain("export function paginateListThingsPages(");
    expect(source).not.toContain("export function paginateListThings(");
  });

  it.each([
    [
      { outputToken: "result.missing" },
      /@paginated outputToken 'result.missing' names no member of example.pages#Result/,
    ],
    [{ items: "nothing" }, /@paginated items 'nothing' names no member of example.pages#ListThingsOutput/],
    [{ pageSize: "size" }, /@paginated pageSize 'size' names no member of example.pages#ListThingsInput/],
    [{ inputToken: "from" }, /@paginated inputToken 'from' names no member/],
  ])("refuses %j", (paginated, message) => {
    expect(() => paginatorSpec(specsOf(modelWith(paginated, nested)), `${NS}ListThings`)).toThrow(message);
  });
});

describe("paginator code", () => {
  it.each([
    [["nextToken"], "page.nextToken", 'Out["nextToken"]'],
    [["result", "next"], "page.result?.next", 'NonNullable<Out["result"]>["next"]'],
    [["a-b", "c"], 'page["a-b"]?.c', 'NonNullable<Out["a-b"]>["c"]'],
    [["a", "b-c"], 'page.a?.["b-c"]', 'NonNullable<Out["a"]>["b-c"]'],
  ])("reads %j as %s typed %s", (path, expression, type) => {
    expect(accessor("page", path)).toBe(expression);
    expect(pathType("Out", path)).toBe(type);
  });

  it("adds both paginators to the method client", () => {
    const source = renderClient(specsOf(modelWith({ items: "result.things" }, nested)), "Svc", `${NS}Svc`);
    expect(source).toContain(
      'paginateListThings(input?: ListThingsInput, options?: PaginationOptions): AsyncGenerator<NonNullable<NonNullable<ListThingsOutput["result"]>["things"]>[number], void, undefined>;',
    );
    expect(source).toContain(
      "paginateListThingsPages: (input, options) => paginateListThingsPages(base, input, options),",
    );
  });
});
