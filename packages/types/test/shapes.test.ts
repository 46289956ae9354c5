import type { AstModel, AstShape } from "@seqstore/smithy";
import { describe, expect, it } from "vitest";
import { renderShapes } from "../codegen/shapes.js";
import type {
  CreateSequenceStoreResponse,
  ETagAlgorithmFamily as ETagAlgorithmFamilyType,
} from "../src/index.js";
import { ETagAlgorithmFamily } from "../src/index.js";

const NS = "example.test#";

/** A service with one operation whose input holds `members`, plus any extra shapes. */
function modelWith(members: AstShape["members"], extra: Record<string, AstShape> = {}): AstModel {
  return {
    smithy: "2.0",
    shapes: {
      [`${NS}Svc`]: { type: "service", version: "1", operations: [{ target: `${NS}Op` }] },
      [`${NS}Op`]: {
        type: "operation",
        input: { target: `${NS}OpInput` },
        output: { target: "smithy.api#Unit" },
      },
      [`${NS}OpInput`]: { type: "structure", members, traits: { "smithy.api#input": {} } },
      ...extra,
    },
  };
}

const render = (members: AstShape["members"], extra?: Record<string, AstShape>) =>
  renderShapes(modelWith(members, extra), `${NS}Svc`);

describe("renderShapes", () => {
  const cases: {
    name: string;
    members: AstShape["members"];
    extra?: Record<string, AstShape>;
    expected: string[];
  }[] = [
    {
      name: "prelude targets map to built-ins; optional unless @required",
      members: {
        when: { target: "smithy.api#Timestamp", traits: { "smithy.api#required": {} } },
        data: { target: "smithy.api#Blob" },
        doc: { target: "smithy.api#Document" },
        count: { target: "smithy.api#Long" },
        "not-an-identifier": { target: "smithy.api#Boolean" },
      },
      expected: [
        "  when: Date;",
        "  data?: Uint8Array;",
        "  doc?: unknown;",
        "  count?: number;",
        '  "not-an-identifier"?: boolean;',
      ],
    },
    {
      name: "enum and intEnum become a union plus a const object",
      members: { color: { target: `${NS}Color` }, level: { target: `${NS}Level` } },
      extra: {
        [`${NS}Color`]: {
          type: "enum",
          members: {
            RED: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "red" } },
            BLUE: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": "blue" } },
          },
        },
        [`${NS}Level`]: {
          type: "intEnum",
          members: { LOW: { target: "smithy.api#Unit", traits: { "smithy.api#enumValue": 1 } } },
        },
      },
      expected: [
        'export type Color = "red" | "blue";',
        'export const Color = {\n  RED: "red",\n  BLUE: "blue",\n} as const;',
        "export type Level = 1;",
        "export const Level = {\n  LOW: 1,\n} as const;",
      ],
    },
    {
      name: "lists, sparse lists and maps",
      members: {
        names: { target: `${NS}Names` },
        maybe: { target: `${NS}Maybe` },
        tags: { target: `${NS}Tags` },
      },
      extra: {
        [`${NS}Names`]: { type: "list", member: { target: "smithy.api#String" } },
        [`${NS}Maybe`]: {
          type: "list",
          member: { target: "smithy.api#Integer" },
          traits: { "smithy.api#sparse": {} },
        },
        [`${NS}Tags`]: { type: "map", key: { target: "smithy.api#String" }, value: { target: `${NS}Names` } },
      },
      expected: [
        "export type Names = string[];",
        "export type Maybe = (number | null)[];",
        "export type Tags = Record<string, Names>;",
      ],
    },
    {
      name: "unions are discriminated by exactly one set member",
      members: { choice: { target: `${NS}Choice` } },
      extra: {
        [`${NS}Choice`]: {
          type: "union",
          members: { a: { target: "smithy.api#String" }, b: { target: "smithy.api#Integer" } },
        },
      },
      expected: [
        "  | { a: string; b?: never; $unknown?: never }",
        "  | { b: number; a?: never; $unknown?: never }",
        "  | { $unknown: [string, unknown]; a?: never; b?: never };",
      ],
    },
    {
      name: "documentation loses HTML and cannot close the comment; @deprecated is kept",
      members: {
        old: {
          target: "smithy.api#String",
          traits: {
            "smithy.api#documentation": "<p>The <b>old</b> field */ here.</p>",
            "smithy.api#deprecated": { message: "Use new." },
          },
        },
      },
      expected: [
        "  /**\n   * The old field *\\/ here.\n   *\n   * @deprecated Use new.\n   */\n  old?: string;",
      ],
    },
  ];

  it.each(cases)("$name", ({ members, extra, expected }) => {
    const output = render(members, extra);
    for (const fragment of expected) expect(output).toContain(fragment);
  });

  it("lists every operation with its input, output and errors", () => {
    expect(render({})).toContain(
      "export interface OperationShapes {\n  Op: {\n    input: OpInput;\n    output: Record<string, never>;\n    errors: never;\n  };\n}",
    );
  });

  it.each([
    { name: "a shape that shadows a built-in", id: `${NS}Date` },
    { name: "two shapes with one name", id: "other.ns#OpInput" },
  ])("rejects $name", ({ id }) => {
    const model = modelWith({ x: { target: id } }, { [id]: { type: "string" } });
    expect(() => renderShapes(model, `${NS}Svc`)).toThrow(/shadow|both generate/);
  });

  it("is deterministic", () => {
    const members = { b: { target: `${NS}B` }, a: { target: `${NS}A` } };
    const extra: Record<string, AstShape> = {
      [`${NS}B`]: { type: "string" },
      [`${NS}A`]: { type: "string" },
    };
    const output = render(members, extra);
    expect(output).toBe(render(members, extra));
    expect(output.indexOf("export type A =")).toBeLessThan(output.indexOf("export type B ="));
  });
});

describe("generated shapes.ts", () => {
  it("exports enum values and semantic types", () => {
    expect(Object.values(ETagAlgorithmFamily)).toEqual(["MD5up", "SHA256up", "SHA512up"]);
    const family: ETagAlgorithmFamilyType = ETagAlgorithmFamily.SHA256UP;
    const output: Pick<CreateSequenceStoreResponse, "creationTime"> = { creationTime: new Date(0) };
    expect([family, output.creationTime.getTime()]).toEqual(["SHA256up", 0]);
  });
});
