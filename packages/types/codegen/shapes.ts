// Renders src/generated/shapes.ts: one named TypeScript type per Smithy shape a service exposes.
// These are the semantic types (timestamps are Date, blobs Uint8Array), not the JSON wire types.
import {
  type AstMember,
  type AstModel,
  type AstShape,
  contextualName,
  expectShape,
  getMemberOrTargetTrait,
  getShape,
  getStringTrait,
  getTrait,
  hasTrait,
  isPreludeShape,
  isRequired,
  isUnit,
  operationErrors,
  plainDocText,
  renderDocComment as jsDoc,
  serviceClosure,
  serviceOperations,
} from "@seqstore/smithy";
import { GENERATED_HEADER } from "./header.js";

export { GENERATED_HEADER };

/** Names a generated shape may not take: they would shadow the built-ins the file relies on. */
const RESERVED_NAMES = new Set([
  "Array",
  "Date",
  "Record",
  "Uint8Array",
  "Partial",
  "Object",
  "String",
  "Number",
  "Boolean",
  "Error",
  "OperationShapes",
  "ErrorShapes",
  "OperationName",
  "ErrorName",
  "paths",
  "components",
  "operations",
]);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

class ShapeRenderer {
  private readonly names = new Map<string, string>();

  constructor(
    private readonly model: AstModel,
    private readonly serviceId: string,
  ) {}

  /** Assigns every closure shape its (service-contextual) name and rejects clashes up front. */
  nameShapes(ids: string[]): void {
    const owners = new Map<string, string>();
    for (const id of ids) {
      const name = contextualName(this.model, this.serviceId, id);
      if (!IDENTIFIER.test(name))
        throw new Error(`Shape ${id} has a name that is not a TypeScript identifier`);
      if (RESERVED_NAMES.has(name))
        throw new Error(`Shape ${id} would shadow the TypeScript name ${name}; rename it`);
      const other = owners.get(name);
      if (other)
        throw new Error(`Shapes ${other} and ${id} both generate the type ${name}; use the service's rename`);
      owners.set(name, id);
      this.names.set(id, name);
    }
  }

  nameOf(id: string): string {
    const name = this.names.get(id);
    if (!name) throw new Error(`Shape ${id} is not in the service closure`);
    return name;
  }

  /** The TS type expression for a reference to shape `id`. */
  typeRef(id: string): string {
    if (isUnit(id)) return "Record<string, never>";
    if (!isPreludeShape(id)) return this.nameOf(id);
    return this.builtinType(expectShape(this.model, id));
  }

  private builtinType(shape: AstShape): string {
    switch (shape.type) {
      case "string":
        return "string";
      case "boolean":
        return "boolean";
      case "byte":
      case "short":
      case "integer":
      case "long":
      case "float":
      case "double":
        return "number";
      // Arbitrary precision: bigint keeps every digit; decimals travel as their exact text.
      case "bigInteger":
        return "bigint";
      case "bigDecimal":
        return "string";
      case "timestamp":
        return "Date";
      case "blob":
        return "Uint8Array";
      case "document":
        return "unknown";
      default:
        throw new Error(`No built-in TypeScript type for a prelude ${shape.type} shape`);
    }
  }

  private shapeDoc(shape: AstShape): string[] {
    const doc = getStringTrait(shape, "smithy.api#documentation");
    return [doc ? plainDocText(doc) : "", this.deprecation(shape)];
  }

  private memberDoc(member: AstMember): string[] {
    const doc = getMemberOrTargetTrait(this.model, member, "smithy.api#documentation");
    return [typeof doc === "string" ? plainDocText(doc) : "", this.deprecation(member)];
  }

  private deprecation(node: AstShape | AstMember): string {
    const value = getTrait(node, "smithy.api#deprecated");
    if (value === undefined) return "";
    const message =
      value !== null &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      typeof value.message === "string"
        ? ` ${value.message}`
        : "";
    return `@deprecated${message}`;
  }

  render(id: string): string {
    const shape = expectShape(this.model, id);
    const name = this.nameOf(id);
    const doc = jsDoc(this.shapeDoc(shape));
    switch (shape.type) {
      case "structure":
        return doc + this.structure(name, shape);
      case "union":
        return doc + this.union(name, shape);
      case "enum":
        return this.enumShape(name, shape, doc, "string");
      case "intEnum":
        return this.enumShape(name, shape, doc, "number");
      case "list":
      case "set":
        return `${doc}export type ${name} = ${this.element(shape, shape.member)}[];\n`;
      case "map":
        return `${doc}export type ${name} = Record<string, ${this.element(shape, shape.value)}>;\n`;
      case "string": {
        const legacyEnum = getTrait(shape, "smithy.api#enum");
        if (Array.isArray(legacyEnum)) return doc + this.legacyEnum(name, legacyEnum);
        return `${doc}export type ${name} = string;\n`;
      }
      case "service":
      case "operation":
      case "resource":
      case "apply":
        throw new Error(`Shape ${id} (${shape.type}) cannot be the target of a member`);
      default:
        if (shape.type === "blob" && shape.traits?.["smithy.api#streaming"] !== undefined) {
          // What either side may give (clients: any of them; servers: a stream or bytes). Readers receive
          // a ReadableStream (clients: with transformToByteArray / transformToString / transformToWebStream).
          return `${doc}export type ${name} =\n  | Uint8Array\n  | string\n  | Blob\n  | ReadableStream<Uint8Array>\n  | AsyncIterable<Uint8Array>;\n`;
        }
        return `${doc}export type ${name} = ${this.builtinType(shape)};\n`;
    }
  }

  /** List/map element type; @sparse collections may hold nulls. */
  private element(shape: AstShape, member: AstMember | undefined): string {
    if (!member) throw new Error("Collection shape without a member");
    const type = this.typeRef(member.target);
    return hasTrait(shape, "smithy.api#sparse") ? `(${type} | null)` : type;
  }

  private structure(name: string, shape: AstShape): string {
    const members = Object.entries(shape.members ?? {});
    if (members.length === 0) return `export type ${name} = Record<string, never>;\n`;
    const body = members
      .map(([memberName, member]) => {
        const optional = isRequired(member) ? "" : "?";
        let type = this.typeRef(member.target);
        // An event stream (an @streaming union): sent as any (async) iterable of union values, received
        // as an async iterable (read with for await).
        const target = this.model.shapes[member.target];
        if (target?.type === "union" && hasTrait(target, "smithy.api#streaming"))
          type = `AsyncIterable<${type}> | Iterable<${type}>`;
        return `${jsDoc(this.memberDoc(member), "  ")}  ${propertyKey(memberName)}${optional}: ${type};\n`;
      })
      .join("");
    return `export interface ${name} {\n${body}}\n`;
  }

  /** Exactly one member set; `$unknown` carries a member this client does not know yet. */
  private union(name: string, shape: AstShape): string {
    const members = Object.entries(shape.members ?? {});
    const keys = [...members.map(([memberName]) => propertyKey(memberName)), "$unknown"];
    const variant = (key: string, type: string, doc: string[]) => {
      const others = keys.filter((other) => other !== key).map((other) => `${other}?: never`);
      return `${jsDoc(doc, "  ")}  | { ${[`${key}: ${type}`, ...others].join("; ")} }`;
    };
    const variants = members.map(([memberName, member]) =>
      variant(propertyKey(memberName), this.typeRef(member.target), this.memberDoc(member)),
    );
    variants.push(variant("$unknown", "[string, unknown]", []));
    return `export type ${name} =\n${variants.join("\n")};\n`;
  }

  private enumShape(name: string, shape: AstShape, doc: string, kind: "string" | "number"): string {
    const entries = Object.entries(shape.members ?? {}).map(([memberName, member]) => {
      const value = getTrait(member, "smithy.api#enumValue") ?? memberName;
      if (typeof value !== (kind === "string" ? "string" : "number")) {
        throw new Error(`Enum member ${name}$${memberName} has a non-${kind} value`);
      }
      return { key: memberName, literal: JSON.stringify(value), doc: this.memberDoc(member) };
    });
    const union = entries.length === 0 ? "never" : entries.map((entry) => entry.literal).join(" | ");
    const values = entries.map(
      (entry) => `${jsDoc(entry.doc, "  ")}  ${propertyKey(entry.key)}: ${entry.literal},\n`,
    );
    return `${doc}export type ${name} = ${union};\n${doc}export const ${name} = {\n${values.join("")}} as const;\n`;
  }

  /** IDL 1.0 `@enum` strings that were not upgraded to enum shapes. */
  private legacyEnum(name: string, definitions: unknown[]): string {
    const values = definitions
      .map((definition) =>
        definition !== null && typeof definition === "object" && "value" in definition
          ? definition.value
          : undefined,
      )
      .filter((value): value is string => typeof value === "string");
    return `export type ${name} = ${values.length === 0 ? "string" : values.map((v) => JSON.stringify(v)).join(" | ")};\n`;
  }

  operationShapes(): string {
    const lines: string[] = [];
    const errorNames = new Set<string>();
    for (const operationId of serviceOperations(this.model, this.serviceId)) {
      const operation = expectShape(this.model, operationId);
      const errors = operationErrors(this.model, this.serviceId, operationId).map((errorId) =>
        this.nameOf(errorId),
      );
      for (const error of errors) errorNames.add(error);
      lines.push(
        `  ${contextualName(this.model, this.serviceId, operationId)}: {\n` +
          `    input: ${this.typeRef(operation.input?.target ?? "smithy.api#Unit")};\n` +
          `    output: ${this.typeRef(operation.output?.target ?? "smithy.api#Unit")};\n` +
          `    errors:${errors.length === 0 ? " never" : errors.map((error) => `\n      | ${JSON.stringify(error)}`).join("")};\n` +
          "  };\n",
      );
    }
    for (const error of getShape(this.model, this.serviceId)?.errors ?? [])
      errorNames.add(this.nameOf(error.target));
    const sortedErrors = [...errorNames].sort();
    return (
      "/** Input, output and error names of every operation of the service. */\n" +
      `export interface OperationShapes {\n${lines.join("")}}\n\n` +
      "/** Names of the service's operations. */\n" +
      "export type OperationName = keyof OperationShapes;\n\n" +
      "/** Every modeled error of the service, by name (the name travels in `x-amzn-ErrorType`). */\n" +
      `export interface ErrorShapes {\n${sortedErrors.map((error) => `  ${error}: ${error};\n`).join("")}}\n\n` +
      "/** Names of the service's modeled errors. */\n" +
      "export type ErrorName = keyof ErrorShapes;\n"
    );
  }
}

/** The whole shapes.ts module for one service of an assembled model. */
export function renderShapes(model: AstModel, serviceId: string): string {
  const renderer = new ShapeRenderer(model, serviceId);
  const ids = serviceClosure(model, serviceId);
  renderer.nameShapes(ids);
  const sorted = [...ids].sort((a, b) => {
    const nameA = renderer.nameOf(a);
    const nameB = renderer.nameOf(b);
    return nameA < nameB ? -1 : nameA > nameB ? 1 : 0;
  });
  return [
    `${GENERATED_HEADER}\n// Semantic types of ${serviceId}: timestamps are Date, blobs Uint8Array, optional unless @required.\n`,
    ...sorted.map((id) => renderer.render(id)),
    renderer.operationShapes(),
  ].join("\n");
}
