// Writes straight-line converters between Smithy values and the wire: one function per aggregate
// shape a message needs (and only those), and expressions for members. Only the runtime helpers
// the model calls for are imported, so bundles keep nothing else.
import { Imports } from "./imports.js";
import { propertyKey } from "./literal.js";
import type {
  EventShapeSpec,
  EventStreamSpec,
  ShapeSchema,
  ShapeTable,
  TimestampFormat,
  ValueSchema,
} from "./spec-types.js";

/** The runtime's parser of each timestamp format (one each, so bundles keep only those they read). */
const TIMESTAMP_PARSERS: Record<TimestampFormat, string> = {
  "date-time": "parseDateTime",
  "http-date": "parseHttpDate",
  "epoch-seconds": "parseEpochSeconds",
};

export type Direction = "write" | "read";

/** `object.member`, or `object["odd-name"]` for members that are not identifiers. */
export function access(object: string, member: string): string {
  const key = propertyKey(member);
  return key === member ? `${object}.${member}` : `${object}[${key}]`;
}

export class SerdeEmitter {
  /** The converter functions, by name, in the order they were asked for (the body of serde.ts). */
  readonly functions = new Map<string, string>();
  /** Imports of serde.ts itself. */
  readonly imports = new Imports();

  constructor(
    private readonly table: ShapeTable,
    /** Where the runtime lives, seen from the generated modules. */
    readonly runtimeDir = "../runtime",
  ) {}

  runtime(imports: Imports, module: string, name: string): string {
    return imports.value(`${this.runtimeDir}/${module}.js`, name);
  }

  shapeTableEntry(name: string): ShapeSchema | undefined {
    return this.table[name];
  }

  private shape(name: string): ShapeSchema {
    const shape = this.table[name];
    if (!shape) throw new Error(`Shape ${name} is missing from the shape table`);
    return shape;
  }

  /**
   * The function converting one value of `schema` (never null: callers check), as an expression
   * for `imports`' module; undefined when the value goes as it is.
   */
  converter(schema: ValueSchema, direction: Direction, imports: Imports): string | undefined {
    const format = schema.timestampFormat;
    if (format) {
      return direction === "read"
        ? this.runtime(imports, "timestamps", TIMESTAMP_PARSERS[format])
        : `(x: unknown) => ${this.runtime(imports, "serde", "toTimestamp")}(x, ${JSON.stringify(format)})`;
    }
    if (schema.blob)
      return this.runtime(imports, "base64", direction === "write" ? "toBase64" : "fromBase64");
    if (schema.bigint || schema.bigDecimal) {
      if (direction === "write") return this.runtime(imports, "serde", "toBigJsonNumber");
      return this.runtime(imports, "serde", schema.bigint ? "fromJsonBigInteger" : "fromJsonBigDecimal");
    }
    if (schema.float) {
      return this.runtime(imports, "serde", direction === "write" ? "toJsonNumber" : "fromJsonNumber");
    }
    if (!schema.shape) return undefined;
    const name = this.shapeFunction(schema.shape, direction);
    if (name === undefined || imports === this.imports) return name;
    return imports.value("./serde.js", name);
  }

  /**
   * The name of an event-stream union's description (written into serde.ts once), for `imports`'
   * module: the schema as data and the converters of each member's JSON document.
   */
  eventStream(spec: EventStreamSpec, imports: Imports): string {
    const name = `events${spec.union}`;
    if (!this.functions.has(name)) {
      const schemaOf = (shapes: Record<string, EventShapeSpec>) =>
        Object.fromEntries(
          Object.entries(shapes).map(([member, { document: _, ...shape }]) => [member, shape]),
        );
      const converters = { write: [] as string[], read: [] as string[] };
      for (const [member, shape] of [...Object.entries(spec.events), ...Object.entries(spec.errors)]) {
        if (!shape.document) continue;
        for (const direction of ["write", "read"] as const) {
          const convert = this.converter(shape.document, direction, this.imports);
          if (convert) converters[direction].push(`${propertyKey(member)}: ${convert}`);
        }
      }
      const schema = { events: schemaOf(spec.events), errors: schemaOf(spec.errors) };
      const type = this.imports.type(`${this.runtimeDir}/event-streams.js`, "EventStreamDescription");
      this.functions.set(
        name,
        `export const ${name}: ${type} = {\n  schema: ${JSON.stringify(schema)},\n  errorNames: ${JSON.stringify(spec.errorNames)},\n  write: { ${converters.write.join(", ")} },\n  read: { ${converters.read.join(", ")} },\n};\n`,
      );
    }
    return imports === this.imports ? name : imports.value("./serde.js", name);
  }

  /** An expression for `expr` (a member's value, possibly absent) converted by `schema`. */
  value(expr: string, schema: ValueSchema, direction: Direction, imports: Imports): string {
    // Timestamps going out take their format; coming in, the format's parser is their converter.
    const format = schema.timestampFormat;
    if (format && direction === "write") {
      return `${this.runtime(imports, "serde", "toTimestamp")}(${expr}, ${JSON.stringify(format)})`;
    }
    const convert = this.converter(schema, direction, imports);
    if (convert === undefined) return expr;
    // The blob, big number and float helpers take absent values themselves.
    if (schema.blob || schema.bigint || schema.bigDecimal || schema.float) return `${convert}(${expr})`;
    return `${this.runtime(imports, "serde", "opt")}(${expr}, ${convert})`;
  }

  /**
   * Members of a structure as an object literal's entries, from `source` (wire names when reading);
   * with `defaults`, absent members with a @default take it.
   */
  members(
    source: string,
    members: Record<string, ValueSchema>,
    direction: Direction,
    imports: Imports,
    defaults = true,
  ): string[] {
    return Object.entries(members).map(([member, schema]) => {
      const wire = schema.jsonName ?? member;
      const [to, from] = direction === "write" ? [wire, member] : [member, wire];
      const fallback = defaults && schema.default !== undefined ? JSON.stringify(schema.default) : undefined;
      let value: string;
      if (fallback === undefined) value = this.value(access(source, from), schema, direction, imports);
      else if (direction === "write") {
        value = `${this.value(access(source, from), schema, direction, imports)} ?? ${fallback}`;
      } else value = this.value(`(${access(source, from)} ?? ${fallback})`, schema, direction, imports);
      return `${propertyKey(to)}: ${value}`;
    });
  }

  /** The name of the function converting `shapeName`, written into serde.ts once; undefined for pass-through. */
  private shapeFunction(shapeName: string, direction: Direction): string | undefined {
    const name = `${direction}${shapeName}`;
    if (this.functions.has(name)) return name;
    const shape = this.shape(shapeName);
    const imports = this.imports;
    const serde = (helper: string) => this.runtime(imports, "serde", helper);
    // Registered before its body is written, so recursive shapes refer to it.
    this.functions.set(name, "");
    let body: string;
    switch (shape.type) {
      case "structure":
      case "union": {
        const entries = this.members("v", shape.members, direction, imports, shape.type === "structure");
        const object = `${serde("compact")}({ ${entries.join(", ")} })`;
        if (shape.type === "structure") body = `(v: Json): Json => ${object}`;
        else if (direction === "write") body = `(v: Json): Json => ${serde("writeUnion")}(${object}, v)`;
        else {
          const wire = Object.entries(shape.members).map(([member, schema]) => schema.jsonName ?? member);
          body = `(v: Json) => ${serde("readUnion")}(${object}, v, ${JSON.stringify(wire)})`;
        }
        break;
      }
      case "list": {
        const item = this.converter(shape.member, direction, imports);
        if (direction === "write") {
          if (item === undefined) {
            this.functions.delete(name);
            return undefined;
          }
          body = `(v: unknown[]) => ${serde("writeList")}(v, ${item})`;
        } else {
          body = `(v: unknown) => ${serde("readList")}(v${optionalArguments(item, shape.sparse)})`;
        }
        break;
      }
      case "map": {
        const item = this.converter(shape.value, direction, imports);
        if (item === undefined && shape.sparse) {
          this.functions.delete(name);
          return undefined;
        }
        body = `(v: unknown) => ${serde("convertMap")}(v${optionalArguments(item, shape.sparse)})`;
        break;
      }
    }
    imports.type(`${this.runtimeDir}/spec.js`, "Json");
    this.functions.set(name, `export const ${name} = ${body};\n`);
    return name;
  }
}

function optionalArguments(item: string | undefined, sparse: true | undefined): string {
  if (sparse) return `, ${item ?? "undefined"}, 1`;
  return item === undefined ? "" : `, ${item}`;
}
