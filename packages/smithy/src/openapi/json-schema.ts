// Smithy shapes → JSON Schema, following smithy-jsonschema's rules as smithy-openapi configures
// them: which shapes become named components ($ref) and which are inlined, how constraint traits
// map to keywords, and how OpenAPI-specific formats are added.
import type { AstModel, AstShape, NodeValue } from "../ast.js";
import { getShape, shapeName, shapeNamespace } from "../model/shapes.js";
import { OpenApiError } from "./config.js";
import type { OpenApiConfig } from "./config.js";
import { cloneJson } from "./schema-types.js";
import type { Json, Schema } from "./schema-types.js";
import {
  hasOwnTrait,
  memberTrait,
  memberViews,
  ownTrait,
  resolvedType,
  viewMember,
  viewShape,
} from "./shape-view.js";
import type { ShapeView } from "./shape-view.js";
import { shapeClosure } from "./closure.js";
import { specificationExtensions } from "./extensions.js";
import { SIMPLE_SHAPE_TYPES } from "../ast.js";

export const SCHEMA_POINTER_PREFIX = "#/components/schemas/";

const SIMPLE_TYPES = SIMPLE_SHAPE_TYPES;

/** Keywords each OpenAPI version cannot express (removed from every schema). */
const UNSUPPORTED_KEYWORDS: Record<string, string[]> = {
  "3.0.2": ["propertyNames", "contentMediaType"],
  "3.1.0": ["contentMediaType"],
};

function stripNonAlphanumeric(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, "");
}

/** Java's ShapeId ordering: case-insensitive, ties broken case-sensitively. */
export function compareShapeIds(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function capitalize(s: string): string {
  return s.length === 0 ? s : s[0]?.toUpperCase() + s.slice(1);
}

/** Values of a string shape's 1.0 @enum trait or of an enum shape's members. */
function enumStringValues(shape: AstShape): string[] | undefined {
  if (shape.type === "enum") {
    return Object.entries(shape.members ?? {}).map(([name, m]) => {
      const v = m.traits?.["smithy.api#enumValue"];
      return typeof v === "string" ? v : name;
    });
  }
  const trait = shape.traits?.["smithy.api#enum"];
  if (!Array.isArray(trait)) return undefined;
  return trait.map((d) => (d && typeof d === "object" && !Array.isArray(d) ? String(d.value) : String(d)));
}

function intEnumValues(shape: AstShape): number[] {
  return Object.values(shape.members ?? {}).map((m) => {
    const v = m.traits?.["smithy.api#enumValue"];
    return typeof v === "number" ? v : 0;
  });
}

function hasEnumTrait(shape: AstShape): boolean {
  return (
    shape.type === "enum" || (shape.traits !== undefined && Object.hasOwn(shape.traits, "smithy.api#enum"))
  );
}

export class JsonSchemaConverter {
  readonly model: AstModel;
  readonly config: OpenApiConfig;
  readonly serviceId: string;
  /** Shapes connected to the service (the only ones that may become components). */
  readonly closure: Set<string>;
  private readonly pointers = new Map<string, string>();
  private readonly shapeCache = new Map<string, Schema>();
  private readonly unitTargetedByUnion: boolean;

  constructor(model: AstModel, config: OpenApiConfig, serviceId: string) {
    this.model = model;
    this.config = config;
    this.serviceId = serviceId;
    this.closure = shapeClosure(model, serviceId);
    this.unitTargetedByUnion = [...this.closure].some((id) => {
      const s = getShape(model, id);
      return (
        s?.type === "union" && Object.values(s.members ?? {}).some((m) => m.target === "smithy.api#Unit")
      );
    });
    this.computePointers();
  }

  // ---- naming -------------------------------------------------------------------------------

  private basePointer(id: string): string {
    const rename = getShape(this.model, this.serviceId)?.rename;
    const name = rename?.[id] ?? shapeName(id);
    return SCHEMA_POINTER_PREFIX + (this.config.alphanumericOnlyRefs ? stripNonAlphanumeric(name) : name);
  }

  /** Shapes never given a pointer of their own (so never in conflict). */
  private isIgnoredForNaming(id: string, shape: AstShape): boolean {
    if (SIMPLE_TYPES.has(shape.type) && !hasEnumTrait(shape)) return true;
    if (shape.type === "service" || shape.type === "resource" || shape.type === "operation") return true;
    if (id === "smithy.api#Unit" && !this.unitTargetedByUnion) return true;
    return id.startsWith("smithy.api#") && shape.traits?.["smithy.api#private"] !== undefined;
  }

  private computePointers(): void {
    const taken = new Map<string, string>();
    for (const id of [...this.closure].sort(compareShapeIds)) {
      const shape = getShape(this.model, id);
      if (!shape || this.isIgnoredForNaming(id, shape)) continue;
      const pointer = this.basePointer(id);
      const holder = taken.get(pointer);
      if (holder === undefined) {
        this.pointers.set(id, pointer);
        taken.set(pointer, id);
        continue;
      }
      // Only lists and maps are renamed: their names are rarely code-generated.
      if (shape.type !== "list" && shape.type !== "set" && shape.type !== "map") {
        throw new OpenApiError(
          `Shape ${id} conflicts with ${holder} using a JSON schema pointer of ${pointer}`,
        );
      }
      const renamed = pointer + shapeNamespace(id).split(".").map(capitalize).join("");
      if (taken.has(renamed)) {
        throw new OpenApiError(`Unable to de-conflict shape ${id}: ${renamed} is already used`);
      }
      this.pointers.set(id, renamed);
      taken.set(renamed, id);
    }
  }

  /** The `$ref` pointer of a shape ("#/components/schemas/Name"). */
  toPointer(id: string): string {
    return this.pointers.get(id) ?? this.basePointer(id);
  }

  // ---- inlining -----------------------------------------------------------------------------

  /** Whether a shape (or a member's target) is written inline rather than as a $ref. */
  isInlined(view: ShapeView): boolean {
    const shape =
      view.type === "member" ? getShape(this.model, view.target ?? "") : getShape(this.model, view.id);
    if (!shape) return true;
    if (shape.type === "list" || shape.type === "set") return true;
    if (shape.type === "map" && this.config.useInlineMaps) return true;
    if (hasEnumTrait(shape)) return false;
    if (shape.type === "intEnum" && !this.config.disableIntEnums) return false;
    return SIMPLE_TYPES.has(shape.type);
  }

  // ---- conversion ---------------------------------------------------------------------------

  /** Schema of a named shape (as written in components.schemas). Returns a fresh copy. */
  convertShape(id: string): Schema {
    let cached = this.shapeCache.get(id);
    if (!cached) {
      cached = this.visit(viewShape(this.model, id));
      this.shapeCache.set(id, cached);
    }
    return cloneJson(cached);
  }

  /** Schema of a view whose node may differ from the model's shape (e.g. a structure with some members removed); not cached. */
  convertView(view: ShapeView): Schema {
    return this.visit(view);
  }

  /** Schema of a shape or member view, always inline (never a $ref to itself). */
  convert(view: ShapeView): Schema {
    return view.type === "member" ? this.visit(view) : this.convertShape(view.id);
  }

  /** A member's schema where it is used: inline for simple targets, else a $ref. */
  createRef(member: ShapeView): Schema {
    if (this.isInlined(member)) return this.visit(member);
    const ref: Schema = { $ref: this.toPointer(member.target ?? "") };
    if (hasOwnTrait(member, "smithy.api#deprecated") && this.config.version !== "3.0.2")
      ref.deprecated = true;
    if (this.config.addReferenceDescriptions) {
      const description = this.description(member);
      if (description !== undefined) ref.description = description;
    }
    const def = ownTrait(member, "smithy.api#default");
    if (def !== undefined && !this.config.disableDefaultValues) {
      return { allOf: [ref, { default: def as Json }] };
    }
    return ref;
  }

  /** Like createRef but without the default/deprecated decoration (smithy-openapi's inlineOrReferenceSchema). */
  inlineOrReference(member: ShapeView): Schema {
    return this.isInlined(member) ? this.visit(member) : { $ref: this.toPointer(member.target ?? "") };
  }

  /** components.schemas: every non-inlined shape in the service closure. */
  definitions(): Map<string, Schema> {
    const result = new Map<string, Schema>();
    for (const id of this.closure) {
      const shape = getShape(this.model, id);
      if (!shape || shape.type === "service" || shape.type === "resource" || shape.type === "operation")
        continue;
      if (id.startsWith("smithy.api#") && !(id === "smithy.api#Unit" && this.unitTargetedByUnion)) continue;
      if (shape.traits?.["smithy.api#trait"] !== undefined) continue;
      if (this.isInlined(viewShape(this.model, id))) continue;
      result.set(this.toPointer(id).slice(SCHEMA_POINTER_PREFIX.length), this.convertShape(id));
    }
    return result;
  }

  private visit(view: ShapeView): Schema {
    const schema = view.type === "member" ? this.visitMember(view) : this.visitShape(view);
    this.applyMappers(view, schema);
    return schema;
  }

  private integerType(): string {
    return this.config.useIntegerType ? "integer" : "number";
  }

  private visitShape(view: ShapeView): Schema {
    const shape = view.node as AstShape;
    const schema: Schema = {};
    switch (shape.type) {
      case "document":
        break;
      case "blob":
      case "string":
      case "enum":
      case "timestamp":
        schema.type = "string";
        break;
      case "boolean":
        schema.type = "boolean";
        break;
      case "byte":
      case "short":
      case "integer":
      case "long":
      case "intEnum":
        schema.type = this.integerType();
        break;
      case "float":
      case "double":
      case "bigInteger":
      case "bigDecimal":
        schema.type = "number";
        break;
      case "list":
      case "set": {
        schema.type = "array";
        const [member] = memberViews(view.id, shape);
        if (member) schema.items = this.createRef(member);
        if (hasOwnTrait(view, "smithy.api#uniqueItems")) schema.uniqueItems = true;
        break;
      }
      case "map": {
        schema.type = "object";
        for (const member of memberViews(view.id, shape)) {
          schema[member.memberName === "key" ? "propertyNames" : "additionalProperties"] =
            this.createRef(member);
        }
        break;
      }
      case "structure": {
        schema.type = "object";
        const properties: Schema = {};
        const required: string[] = [];
        for (const member of memberViews(view.id, shape)) {
          const name = this.propertyName(member);
          if (hasOwnTrait(member, "smithy.api#required")) required.push(name);
          properties[name] = this.createRef(member);
        }
        if (Object.keys(properties).length > 0) schema.properties = properties;
        if (required.length > 0) schema.required = required.sort();
        break;
      }
      case "union": {
        schema.oneOf = memberViews(view.id, shape).map((member) => {
          const name = this.propertyName(member);
          return {
            type: "object",
            title: name,
            properties: { [name]: this.createRef(member) },
            required: [name],
          };
        });
        break;
      }
      default:
        throw new OpenApiError(`Unable to convert ${view.id} (${shape.type}) to JSON Schema`);
    }
    this.applyTraits(view, schema);
    return schema;
  }

  private visitMember(view: ShapeView): Schema {
    const schema = this.convertShape(view.target ?? "");
    this.applyTraits(view, schema);
    return schema;
  }

  /** JSON property name of a structure/union member (@jsonName when the protocol uses it). */
  propertyName(member: ShapeView): string {
    const jsonName = ownTrait(member, "smithy.api#jsonName");
    return this.config.useJsonName && typeof jsonName === "string" ? jsonName : (member.memberName ?? "");
  }

  /** Documentation plus the deprecation notice, as smithy-jsonschema writes `description`. */
  description(view: ShapeView): string | undefined {
    let text = "";
    const doc = ownTrait(view, "smithy.api#documentation");
    if (typeof doc === "string") text += doc;
    const deprecated = ownTrait(view, "smithy.api#deprecated");
    if (deprecated !== undefined) {
      const d = deprecated && typeof deprecated === "object" && !Array.isArray(deprecated) ? deprecated : {};
      const message = typeof d.message === "string" ? d.message : undefined;
      const since = typeof d.since === "string" ? d.since : undefined;
      if (!this.config.disableDefaultDeprecatedMessage || message !== undefined || since !== undefined) {
        const what = view.type === "operation" ? "operation" : "shape";
        text += `\nThis ${what} is deprecated${since ? ` since ${since}` : ""}${message ? `: ${message}` : "."}`;
      }
    }
    text = text.trim();
    return text === "" ? undefined : text;
  }

  /** Keywords from traits (smithy-jsonschema's updateBuilder), for shapes and members alike. */
  private applyTraits(view: ShapeView, schema: Schema): void {
    const model = this.model;
    const description = this.description(view);
    if (description !== undefined) schema.description = description;
    const title = ownTrait(view, "smithy.api#title");
    if (typeof title === "string") schema.title = title;
    const mediaType = ownTrait(view, "smithy.api#mediaType");
    if (typeof mediaType === "string") schema.contentMediaType = mediaType;
    const pattern = memberTrait(model, view, "smithy.api#pattern");
    if (typeof pattern === "string") schema.pattern = pattern;
    const range = memberTrait(model, view, "smithy.api#range");
    if (range && typeof range === "object" && !Array.isArray(range)) {
      if (range.min !== undefined) schema.minimum = range.min as Json;
      if (range.max !== undefined) schema.maximum = range.max as Json;
    }
    const length = memberTrait(model, view, "smithy.api#length");
    if (length && typeof length === "object" && !Array.isArray(length)) {
      const type = resolvedType(model, view);
      const [minKey, maxKey] =
        type === "list" || type === "set"
          ? ["minItems", "maxItems"]
          : type === "map"
            ? ["minProperties", "maxProperties"]
            : ["minLength", "maxLength"];
      if (length.min !== undefined) schema[minKey] = length.min as Json;
      if (length.max !== undefined) schema[maxKey] = length.max as Json;
    }
    if (hasOwnTrait(view, "smithy.api#uniqueItems")) schema.uniqueItems = true;
    if (view.type !== "member") {
      const shape = view.node as AstShape;
      const strings = enumStringValues(shape);
      const ints = shape.type === "intEnum" && !this.config.disableIntEnums ? intEnumValues(shape) : [];
      if (strings !== undefined || ints.length > 0) schema.enum = [...ints, ...(strings ?? [])];
    }
    const def = ownTrait(view, "smithy.api#default");
    if (def !== undefined && !this.config.disableDefaultValues) schema.default = def as Json;
    if (hasOwnTrait(view, "smithy.api#deprecated") && this.config.version !== "3.0.2")
      schema.deprecated = true;
  }

  /** The timestamp format JSON bodies use for this shape/member, if it is (or is marked as) a timestamp. */
  private jsonTimestampFormat(view: ShapeView): string | undefined {
    const explicit = ownTrait(view, "smithy.api#timestampFormat");
    if (view.type === "timestamp" || explicit !== undefined) {
      return typeof explicit === "string" ? explicit : this.config.defaultTimestampFormat;
    }
    return undefined;
  }

  /** smithy-jsonschema's TimestampMapper, OpenApiJsonSchemaMapper and DisableMapper, in that order. */
  private applyMappers(view: ShapeView, schema: Schema): void {
    const format = this.jsonTimestampFormat(view);
    if (format === "date-time") {
      schema.type = "string";
      schema.format = format;
    } else if (format === "http-date") {
      schema.type = "string";
    } else if (format === "epoch-seconds") {
      delete schema.format;
      schema.type = "number";
    } else if (format !== undefined) {
      schema.type = format.startsWith("epoch-") ? "number" : "string";
    }

    for (const [name, value] of specificationExtensions(this.model, view.traits))
      schema[name] = value as Json;
    const docs = this.externalDocs(view.traits);
    if (docs) schema.externalDocs = docs;
    if (hasOwnTrait(view, "smithy.api#deprecated")) schema.deprecated = true;

    const type = view.type;
    const useIntegerFormat = this.config.useIntegerType && !this.config.disableIntegerFormat;
    if ((type === "bigDecimal" || type === "bigInteger") && this.config.useStringsForArbitraryPrecision) {
      schema.type = "string";
      schema.format = type === "bigDecimal" ? "decimal" : "bigint";
    }
    if (schema.format === undefined) {
      if (useIntegerFormat && (type === "integer" || type === "intEnum")) schema.format = "int32";
      else if (useIntegerFormat && type === "long") schema.format = "int64";
      else if (type === "float") schema.format = "float";
      else if (type === "double") schema.format = "double";
      else if (type === "blob") {
        if (this.config.version === "3.0.2") schema.format = this.config.defaultBlobFormat;
        else schema.contentEncoding = this.config.defaultBlobFormat;
        this.removeKeywords(schema, this.config.disableFeatures);
        return;
      } else if (type === "timestamp") {
        if (format === "epoch-seconds") schema.format = "double";
      } else if (hasOwnTrait(view, "smithy.api#sensitive")) schema.format = "password";
    }
    this.removeKeywords(schema, UNSUPPORTED_KEYWORDS[this.config.version] ?? []);
    this.removeKeywords(schema, this.config.disableFeatures);
  }

  private removeKeywords(schema: Schema, keywords: string[]): void {
    for (const k of keywords) delete schema[k];
  }

  /** `@externalDocumentation` → an OpenAPI External Documentation object (first configured key that matches). */
  externalDocs(traits: Record<string, NodeValue>): Schema | undefined {
    const urls = traits["smithy.api#externalDocumentation"];
    if (!urls || typeof urls !== "object" || Array.isArray(urls)) return undefined;
    const byLower = new Map(Object.keys(urls).map((k) => [k.toLowerCase(), k]));
    for (const wanted of this.config.externalDocs) {
      const key = byLower.get(wanted.toLowerCase());
      if (key !== undefined) return { description: key, url: urls[key] as Json };
    }
    return undefined;
  }

  /** A view for a member of a named shape. */
  member(containerId: string, memberName: string): ShapeView {
    const shape = getShape(this.model, containerId);
    const m = shape?.members?.[memberName];
    if (!m) throw new Error(`Member not found: ${containerId}$${memberName}`);
    return viewMember(containerId, memberName, m);
  }
}
