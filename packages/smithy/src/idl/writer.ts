// Writes an assembled model as Smithy IDL 2.0: one file per namespace, which loaded together give the same
// model back (`smithy idl model.json`). Mixins are written as `with [...]` plus only what the shape adds;
// traits a shape adds to a member it inherits become `apply` statements.
import type { AstMember, AstModel, AstShape, AstTarget, NodeValue } from "../ast.js";
import { builtInShapeIds } from "../loader/load-model.js";
import { memberEntries } from "../validate/targets.js";

export interface IdlFile {
  namespace: string;
  text: string;
}

const INDENT = "    ";
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MIXIN = "smithy.api#mixin";

/**
 * The model's own shapes (not the prelude or bundled trait models) as IDL files, one per namespace, in
 * namespace order; metadata goes into the first. `model` must hold the trait definitions (a loaded model).
 */
export function writeIdl(model: AstModel): IdlFile[] {
  const builtIn = builtInShapeIds();
  const byNamespace = new Map<string, string[]>();
  for (const id of Object.keys(model.shapes).sort()) {
    if (builtIn.has(id) || id.startsWith("smithy.api#") || model.shapes[id]?.type === "apply") continue;
    const namespace = id.slice(0, id.indexOf("#"));
    byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), id]);
  }
  const metadata = Object.entries(model.metadata ?? {});
  if (byNamespace.size === 0 && metadata.length > 0) byNamespace.set("", []);
  return [...byNamespace.keys()].sort().map((namespace, index) => {
    const writer = new NamespaceWriter(model, namespace);
    return { namespace, text: writer.file(byNamespace.get(namespace) ?? [], index === 0 ? metadata : []) };
  });
}

class NamespaceWriter {
  private readonly applies: string[] = [];

  constructor(
    private readonly model: AstModel,
    private readonly namespace: string,
  ) {}

  file(ids: string[], metadata: [string, NodeValue][]): string {
    const out = ['$version: "2"', ""];
    for (const [key, value] of metadata) out.push(`metadata ${quoteKey(key)} = ${this.node(value, "")}`);
    if (metadata.length > 0) out.push("");
    if (this.namespace !== "") out.push(`namespace ${this.namespace}`, "");
    const shapes = ids.map((id) => this.shape(id, this.model.shapes[id] as AstShape));
    out.push(shapes.join("\n"));
    if (this.applies.length > 0) out.push(this.applies.join("\n"));
    return `${out.join("\n").trimEnd()}\n`;
  }

  /** A reference as short as resolves to `id` from this namespace. */
  private ref(id: string): string {
    const hash = id.indexOf("#");
    const namespace = id.slice(0, hash);
    const name = id.slice(hash + 1);
    if (namespace === this.namespace) return name;
    if (namespace === "smithy.api" && this.model.shapes[`${this.namespace}#${name}`] === undefined)
      return name;
    return id;
  }

  private shape(id: string, shape: AstShape): string {
    const name = id.slice(id.indexOf("#") + 1);
    const mixins = (shape.mixins ?? []).map((m) => m.target);
    const inherited = this.inheritedTraits(mixins);
    const lines = this.traits(localTraits(shape.traits ?? {}, inherited), "");
    const withClause = mixins.length > 0 ? ` with [${mixins.map((m) => this.ref(m)).join(", ")}]` : "";
    const head = `${shape.type} ${name}${withClause}`;
    switch (shape.type) {
      case "list":
      case "set":
        lines.push(`${head} ${this.body(id, { member: shape.member }, mixins)}`);
        break;
      case "map":
        lines.push(`${head} ${this.body(id, { key: shape.key, value: shape.value }, mixins)}`);
        break;
      case "structure":
      case "union":
      case "enum":
      case "intEnum":
        lines.push(`${head} ${this.body(id, shape.members ?? {}, mixins, shape.type)}`);
        break;
      case "service":
      case "operation":
      case "resource":
        lines.push(`${head} ${this.properties(shape)}`);
        break;
      default:
        lines.push(head);
    }
    return `${lines.join("\n")}\n`;
  }

  /** Traits a shape gets from its mixins (their own traits less `@mixin` and its localTraits). */
  private inheritedTraits(mixins: string[]): Record<string, NodeValue> {
    const result: Record<string, NodeValue> = {};
    for (const mixinId of mixins) {
      const traits = this.model.shapes[mixinId]?.traits ?? {};
      const mixinValue = traits[MIXIN];
      const local = new Set<string>(
        isObject(mixinValue) && Array.isArray(mixinValue.localTraits)
          ? mixinValue.localTraits.filter((t): t is string => typeof t === "string")
          : [],
      );
      for (const [trait, value] of Object.entries(traits)) {
        if (trait !== MIXIN && !local.has(trait)) result[trait] = value;
      }
    }
    return result;
  }

  /** Members a mixin brings, with their traits, by name. */
  private inheritedMembers(mixins: string[]): Map<string, AstMember> {
    const members = new Map<string, AstMember>();
    for (const mixinId of mixins) {
      const mixin = this.model.shapes[mixinId];
      if (mixin === undefined) continue;
      for (const [name, member] of memberEntries(mixin)) members.set(name, member as AstMember);
    }
    return members;
  }

  private body(
    id: string,
    members: Record<string, AstMember | undefined>,
    mixins: string[],
    type?: string,
  ): string {
    const inherited = this.inheritedMembers(mixins);
    const lines: string[] = [];
    for (const [name, member] of Object.entries(members)) {
      if (member === undefined) continue;
      const from = inherited.get(name);
      if (from !== undefined) {
        for (const [trait, value] of Object.entries(localTraits(member.traits ?? {}, from.traits ?? {}))) {
          this.applies.push(
            `apply ${id.slice(id.indexOf("#") + 1)}$${name} ${this.trait(trait, value, "")}\n`,
          );
        }
        continue;
      }
      const traits = { ...(member.traits ?? {}) };
      let suffix = `: ${this.ref(member.target)}`;
      if (type === "enum" || type === "intEnum") {
        const value = traits["smithy.api#enumValue"];
        delete traits["smithy.api#enumValue"];
        suffix = value === undefined ? "" : ` = ${this.node(value, INDENT)}`;
      }
      lines.push(...this.traits(traits, INDENT), `${INDENT}${name}${suffix}`);
    }
    return lines.length === 0 ? "{}" : `{\n${lines.join("\n")}\n}`;
  }

  private properties(shape: AstShape): string {
    const lines: string[] = [];
    const one = (key: string, target: AstTarget | undefined) => {
      if (target !== undefined) lines.push(`${INDENT}${key}: ${this.ref(target.target)}`);
    };
    const many = (key: string, targets: AstTarget[] | undefined) => {
      if (targets !== undefined && targets.length > 0)
        lines.push(`${INDENT}${key}: [${targets.map((t) => this.ref(t.target)).join(", ")}]`);
    };
    const map = (key: string, value: Record<string, AstTarget> | undefined) => {
      if (value === undefined) return;
      const entries = Object.entries(value).map(
        ([k, t]) => `${INDENT}${INDENT}${quoteKey(k)}: ${this.ref(t.target)}`,
      );
      lines.push(
        entries.length === 0
          ? `${INDENT}${key}: {}`
          : `${INDENT}${key}: {\n${entries.join("\n")}\n${INDENT}}`,
      );
    };
    if (shape.version !== undefined) lines.push(`${INDENT}version: ${JSON.stringify(shape.version)}`);
    map("identifiers", shape.identifiers);
    map("properties", shape.properties);
    one("input", shape.input);
    one("output", shape.output);
    for (const key of ["create", "put", "read", "update", "delete", "list"] as const) one(key, shape[key]);
    many("operations", shape.operations);
    many("collectionOperations", shape.collectionOperations);
    many("resources", shape.resources);
    many("errors", shape.errors);
    if (shape.rename !== undefined && Object.keys(shape.rename).length > 0) {
      const entries = Object.entries(shape.rename).map(
        ([from, to]) => `${INDENT}${INDENT}${JSON.stringify(from)}: ${JSON.stringify(to)}`,
      );
      lines.push(`${INDENT}rename: {\n${entries.join("\n")}\n${INDENT}}`);
    }
    return lines.length === 0 ? "{}" : `{\n${lines.join("\n")}\n}`;
  }

  private traits(traits: Record<string, NodeValue>, indent: string): string[] {
    return Object.entries(traits).map(([trait, value]) => `${indent}${this.trait(trait, value, indent)}`);
  }

  private trait(trait: string, value: NodeValue, indent: string): string {
    const name = `@${this.ref(trait)}`;
    // `@t` alone means `{}` for structure and map traits only (null, or [] for lists, otherwise).
    const definition = this.model.shapes[trait]?.type;
    if (
      isObject(value) &&
      Object.keys(value).length === 0 &&
      (definition === "structure" || definition === "map")
    )
      return name;
    // Structure values of scalars read best in the trait's own form: `@length(min: 1, max: 5)`.
    const entries = isObject(value) ? Object.values(value) : [];
    if (entries.length > 0 && entries.every((v) => v === null || typeof v !== "object")) {
      return `${name}(${Object.entries(value as Record<string, NodeValue>)
        .map(([key, v]) => `${quoteKey(key)}: ${this.node(v, indent)}`)
        .join(", ")})`;
    }
    return `${name}(${this.node(value, indent)})`;
  }

  private node(value: NodeValue, indent: string): string {
    if (value === null) return "null";
    if (typeof value === "string") return JSON.stringify(value);
    if (typeof value === "number") return numberText(value);
    if (typeof value === "boolean") return String(value);
    const inner = indent + INDENT;
    if (Array.isArray(value)) {
      if (value.length === 0) return "[]";
      return `[\n${value.map((item) => `${inner}${this.node(item, inner)}`).join("\n")}\n${indent}]`;
    }
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    return `{\n${entries.map(([k, v]) => `${inner}${quoteKey(k)}: ${this.node(v as NodeValue, inner)}`).join("\n")}\n${indent}}`;
  }
}

/** Traits that differ from what is inherited. */
function localTraits(
  traits: Record<string, NodeValue>,
  inherited: Record<string, NodeValue>,
): Record<string, NodeValue> {
  const result: Record<string, NodeValue> = {};
  for (const [trait, value] of Object.entries(traits)) {
    if (!(trait in inherited) || JSON.stringify(inherited[trait]) !== JSON.stringify(value))
      result[trait] = value;
  }
  return result;
}

function quoteKey(key: string): string {
  return IDENTIFIER.test(key) ? key : JSON.stringify(key);
}

function numberText(value: number): string {
  // A JSON number beyond double range was read as ±Infinity; a literal beyond range reads back the same.
  if (value === Number.POSITIVE_INFINITY) return "1e999";
  if (value === Number.NEGATIVE_INFINITY) return "-1e999";
  if (Number.isNaN(value)) throw new Error("Cannot write NaN as an IDL number");
  return String(value);
}

function isObject(value: NodeValue | undefined): value is { [key: string]: NodeValue } {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
