// Our Smithy model, read by our IDL loader, must describe CreateSequenceStore exactly as the
// stand-in model (made from AWS's JSON AST) does, apart from documentation and the HTTP traits
// we add ourselves. AWS's IAM authorization traits are not part of our model (the reference server
// does its own authorization), so they are left out of the comparison too.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { AstModel, AstShape, NodeValue } from "../src/ast.js";
import { loadModelFromPaths } from "../src/index.js";

const repoRoot = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const smithyDir = resolve(repoRoot, "model/smithy");
const standIn = resolve(repoRoot, "model/generated/source/model/model.json");
const IGNORED_TRAITS = new Set(["smithy.api#documentation", "smithy.api#endpoint", "smithy.api#http"]);

function stripTraits(traits: Record<string, NodeValue> | undefined): Record<string, NodeValue> {
  return Object.fromEntries(
    Object.entries(traits ?? {}).filter(
      ([name]) => !IGNORED_TRAITS.has(name) && !name.startsWith("aws.iam#"),
    ),
  );
}

/** A comparable form of a shape: ignored traits dropped, member order kept. */
function comparable(shape: AstShape): unknown {
  const members = Object.entries(shape.members ?? {}).map(([name, member]) => [
    name,
    member.target,
    stripTraits(member.traits),
  ]);
  const single = (["member", "key", "value"] as const).map((key) =>
    shape[key] ? [key, shape[key]?.target, stripTraits(shape[key]?.traits)] : undefined,
  );
  const sortTargets = (list: { target: string }[] | undefined) =>
    (list ?? []).map((item) => item.target).sort();
  return {
    type: shape.type,
    traits: stripTraits(shape.traits),
    members,
    single,
    input: shape.input?.target,
    output: shape.output?.target,
    errors: sortTargets(shape.errors),
  };
}

/** Shapes reachable from an operation, outside the prelude. */
function closure(model: AstModel, root: string): string[] {
  const seen = new Set<string>();
  const visit = (id: string): void => {
    if (seen.has(id) || id.startsWith("smithy.api#") || !model.shapes[id]) return;
    seen.add(id);
    const shape = model.shapes[id] as AstShape;
    for (const member of Object.values(shape.members ?? {})) visit(member.target);
    for (const key of ["member", "key", "value", "input", "output"] as const) {
      const target = shape[key]?.target;
      if (target) visit(target);
    }
    for (const error of shape.errors ?? []) visit(error.target);
  };
  visit(root);
  return [...seen].sort();
}

describe.skipIf(!existsSync(standIn))("model/smithy read by the IDL loader", () => {
  const ours = loadModelFromPaths([smithyDir]);
  const reference = loadModelFromPaths([standIn]);

  it("loads without errors", () => {
    expect(ours.events.filter((event) => event.severity === "ERROR" || event.severity === "DANGER")).toEqual(
      [],
    );
    expect(ours.ok).toBe(true);
  });

  it("describes CreateSequenceStore like the stand-in model", () => {
    const root = "com.amazonaws.omics#CreateSequenceStore";
    const ids = closure(reference.model, root);
    expect(closure(ours.model, root)).toEqual(ids);
    for (const id of ids) {
      expect({ id, shape: comparable(ours.model.shapes[id] as AstShape) }).toEqual({
        id,
        shape: comparable(reference.model.shapes[id] as AstShape),
      });
    }
  });
});
