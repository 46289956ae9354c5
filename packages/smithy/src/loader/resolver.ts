// Resolving shape IDs as written (relative in IDL) to absolute IDs, once every file is loaded.
// Order for a relative name (https://smithy.io/2.0/spec/idl.html#relative-shape-id-resolution):
// a `use` import, then a shape in the file's namespace, then a prelude shape; otherwise the name
// is taken to be in the file's namespace (and reported later if no such shape exists).

import type { NodeValue } from "../ast.js";
import type { ValidationEvent } from "../events.js";
import { type DraftNode, ShapeIdNode, type ShapeRef } from "./draft.js";

export const PRELUDE_NAMESPACE = "smithy.api";

export class Resolver {
  constructor(
    private readonly hasShape: (id: string) => boolean,
    private readonly events: ValidationEvent[],
  ) {}

  /** The absolute ID for a reference; keeps a `$member` suffix. */
  resolve(ref: ShapeRef): string {
    const name = ref.name;
    if (ref.context.absoluteOnly || name.includes("#")) return name;
    const dollar = name.indexOf("$");
    const base = dollar === -1 ? name : name.slice(0, dollar);
    const member = dollar === -1 ? "" : name.slice(dollar);
    return this.resolveBase(base, ref) + member;
  }

  private resolveBase(base: string, ref: ShapeRef): string {
    const imported = ref.context.uses.get(base);
    if (imported !== undefined) return imported;
    const local = `${ref.context.namespace}#${base}`;
    if (this.hasShape(local)) return local;
    const prelude = `${PRELUDE_NAMESPACE}#${base}`;
    if (this.hasShape(prelude)) return prelude;
    return local;
  }

  /**
   * Converts a draft node value into a plain node value. Syntactic shape IDs become absolute ID
   * strings; one that names no shape is reported (DANGER), as Smithy does.
   */
  resolveNode(node: DraftNode): NodeValue {
    if (node instanceof ShapeIdNode) return this.resolveSyntacticId(node);
    if (Array.isArray(node)) return node.map((item) => this.resolveNode(item));
    if (node !== null && typeof node === "object") {
      const result: Record<string, NodeValue> = {};
      for (const [key, value] of Object.entries(node)) result[key] = this.resolveNode(value);
      return result;
    }
    return node;
  }

  private resolveSyntacticId(node: ShapeIdNode): NodeValue {
    const id = this.resolve(node.ref);
    const base = id.includes("$") ? id.slice(0, id.indexOf("$")) : id;
    if (!this.hasShape(base)) {
      this.events.push({
        id: "SyntacticShapeIdTarget",
        severity: "DANGER",
        message: `Syntactic shape ID \`${node.ref.name}\` does not resolve to a valid shape ID: \`${id}\`. Did you mean to quote this string? Are you missing a model file?`,
        sourceLocation: node.ref.location,
      });
    }
    return id;
  }
}
