// Reads a JSON AST model file (https://smithy.io/2.0/spec/json-ast.html) into a DraftFile.
// JSON files name shapes by absolute ID; source locations point at each shape's key.

import type { NodeValue, ShapeType } from "../ast.js";
import type { SourceLocation, ValidationEvent } from "../events.js";
import {
  type DraftFile,
  type DraftMember,
  type DraftNode,
  type DraftShape,
  type DraftTrait,
  type FileContext,
  type IdlVersion,
  ShapeIdNode,
} from "./draft.js";
import { LineIndex } from "./line-index.js";
import { SIMPLE_SHAPE_TYPES } from "../ast.js";
import { ENTITY_PROPERTIES } from "./entity-properties.js";

const SHAPE_TYPES = new Set<string>([
  ...SIMPLE_SHAPE_TYPES,
  "list",
  "set",
  "map",
  "structure",
  "union",
  "service",
  "operation",
  "resource",
]);

/** Properties of service/resource/operation shapes whose values are `{target}` objects or lists of them. */
const TARGET_PROPERTIES = new Set(["input", "output", "create", "put", "read", "update", "delete", "list"]);
const TARGET_LIST_PROPERTIES = new Set(["operations", "resources", "errors", "collectionOperations"]);
const TARGET_MAP_PROPERTIES = new Set(["identifiers", "properties"]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function readJsonModel(filename: string, text: string): DraftFile {
  const context: FileContext = {
    filename,
    namespace: "smithy.api",
    uses: new Map(),
    version: "2.0",
    absoluteOnly: true,
  };
  const file: DraftFile = { context, shapes: [], applies: [], metadata: [], events: [] };
  const fileLocation: SourceLocation = { filename, line: 1, column: 1 };
  const error = (message: string, location: SourceLocation = fileLocation, shapeId?: string): void => {
    const event: ValidationEvent = { id: "Model", severity: "ERROR", message, sourceLocation: location };
    if (shapeId !== undefined) event.shapeId = shapeId;
    file.events.push(event);
  };

  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (caught) {
    const message = caught instanceof Error ? caught.message : String(caught);
    const position = /position (\d+)/.exec(message);
    const index = new LineIndex(text);
    error(`Error parsing JSON: ${message}`, index.locate(filename, position ? Number(position[1]) : 0));
    return file;
  }
  if (!isObject(root)) {
    error("A JSON model must be an object");
    return file;
  }
  const version = root.smithy;
  if (typeof version !== "string") {
    error("A JSON model must have a string `smithy` version");
    return file;
  }
  const parsedVersion = parseJsonVersion(version);
  if (parsedVersion === undefined) {
    error(`Unsupported Smithy version number: ${version}`);
    return file;
  }
  context.version = parsedVersion;

  warnAdditionalTopLevel(root, fileLocation, file.events);
  const locations = isObject(root.shapes)
    ? shapeKeyLocations(filename, text, Object.keys(root.shapes))
    : new Map<string, SourceLocation>();
  const locate = (id: string): SourceLocation => locations.get(id) ?? fileLocation;

  if (root.metadata !== undefined) {
    if (isObject(root.metadata)) {
      for (const [key, value] of Object.entries(root.metadata)) {
        file.metadata.push({ key, value: value as NodeValue, location: fileLocation });
      }
    } else {
      error(`Expected \`metadata\` to be an object; found ${jsonType(root.metadata)}`);
    }
  }
  if (root.shapes === undefined) return file;
  if (!isObject(root.shapes)) {
    error(`Expected \`shapes\` to be an object; found ${jsonType(root.shapes)}`);
    return file;
  }

  const ref = (name: string, location: SourceLocation) => ({ name, location, context });
  const warnAdditional = (
    value: Record<string, unknown>,
    allowed: string[] | undefined,
    location: SourceLocation,
    shapeId: string | undefined,
  ): void => {
    if (allowed === undefined) return;
    const extra = Object.keys(value)
      .filter((key) => !allowed.includes(key))
      .sort();
    if (extra.length === 0) return;
    const event: ValidationEvent = {
      id: "Model",
      severity: "WARNING",
      message: `Expected an object with possible properties of ${[...allowed]
        .sort()
        .map((key) => `\`${key}\``)
        .join(", ")}, but found additional properties: ${extra.map((key) => `\`${key}\``).join(", ")}`,
      sourceLocation: location,
    };
    if (shapeId !== undefined) event.shapeId = shapeId;
    file.events.push(event);
  };
  const readTraits = (value: unknown, location: SourceLocation, owner: string): DraftTrait[] => {
    if (value === undefined) return [];
    if (!isObject(value)) {
      error("`traits` must be an object", location, owner);
      return [];
    }
    const valid = Object.entries(value).filter(([name]) => {
      if (SHAPE_ID.test(name)) return true;
      error(`Invalid shape ID: ${name}`, location, owner);
      return false;
    });
    return valid.map(([name, traitValue]) => ({
      name: ref(name, location),
      value: traitValue as NodeValue,
      location,
    }));
  };
  const readMember = (
    name: string,
    value: unknown,
    location: SourceLocation,
    owner: string,
  ): DraftMember | undefined => {
    if (!isObject(value) || typeof value.target !== "string") {
      error(`Member \`${name}\` must be an object with a string \`target\``, location, owner);
      return undefined;
    }
    warnAdditional(value, ["target", "traits"], location, `${owner}$${name}`);
    return {
      name,
      target: ref(value.target, location),
      traits: readTraits(value.traits, location, `${owner}$${name}`),
      location,
    };
  };
  const targetNode = (value: unknown, location: SourceLocation, owner: string, key: string): DraftNode => {
    if (isObject(value) && typeof value.target === "string") {
      return new ShapeIdNode(ref(value.target, location));
    }
    const problem = TARGET_LIST_PROPERTIES.has(key)
      ? `Expected object, but found ${jsonType(value)}.`
      : `Expected \`${key}\` to be an object; found ${jsonType(value)}`;
    error(problem, location, owner);
    return null;
  };

  for (const [id, rawShape] of Object.entries(root.shapes)) {
    const location = locate(id);
    if (!isObject(rawShape) || typeof rawShape.type !== "string") {
      error(`Shape \`${id}\` must be an object with a string \`type\``, location, id);
      continue;
    }
    if (!SHAPE_ID.test(id)) {
      error(`Invalid shape ID: ${id}`, location);
      continue;
    }
    if (rawShape.type !== "apply" && id.includes("$")) {
      error(
        `Shapes of type \`${rawShape.type}\` cannot contain a member in their shape ID. Found \`${id}\``,
        location,
        id,
      );
      continue;
    }
    warnAdditional(rawShape, ALLOWED_KEYS[rawShape.type], location, id);
    if (rawShape.type === "apply") {
      file.applies.push({
        target: ref(id, location),
        traits: readTraits(rawShape.traits, location, id),
        location,
      });
      continue;
    }
    if (!SHAPE_TYPES.has(rawShape.type)) {
      error(`Unknown shape type \`${rawShape.type}\` for \`${id}\``, location, id);
      continue;
    }
    const type = rawShape.type as ShapeType;
    const shape: DraftShape = {
      id,
      type,
      location,
      context,
      traits: readTraits(rawShape.traits, location, id),
      mixins: [],
      members: [],
      properties: new Map(),
    };
    if (Array.isArray(rawShape.mixins)) {
      for (const mixin of rawShape.mixins) {
        if (isObject(mixin) && typeof mixin.target === "string")
          shape.mixins.push(ref(mixin.target, location));
        else error("`mixins` entries must be objects with a string `target`", location, id);
      }
    }
    if (isObject(rawShape.members)) {
      for (const [name, value] of Object.entries(rawShape.members)) {
        const member = readMember(name, value, location, id);
        if (member) shape.members.push(member);
      }
    }
    for (const key of ["member", "key", "value"] as const) {
      if (rawShape[key] !== undefined) {
        const member = readMember(key, rawShape[key], location, id);
        if (member) shape.members.push(member);
      }
    }
    for (const [key, value] of Object.entries(rawShape)) {
      if (TARGET_PROPERTIES.has(key)) {
        shape.properties.set(key, { value: targetNode(value, location, id, key), location });
      } else if (TARGET_LIST_PROPERTIES.has(key)) {
        const list = Array.isArray(value) ? value.map((item) => targetNode(item, location, id, key)) : [];
        shape.properties.set(key, { value: list, location });
      } else if (TARGET_MAP_PROPERTIES.has(key)) {
        const map: Record<string, DraftNode> = {};
        if (isObject(value)) {
          for (const [name, target] of Object.entries(value))
            map[name] = targetNode(target, location, id, key);
        }
        shape.properties.set(key, { value: map, location });
      } else if (key === "version" || key === "rename") {
        shape.properties.set(key, { value: value as NodeValue, location });
      }
    }
    if (type === "resource" && shape.properties.has("properties") && context.version === "1.0") {
      error("Resource properties can only be used with Smithy version 2 or later.", location, id);
    }
    file.shapes.push(shape);
  }
  return file;
}

const SHAPE_ID =
  /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*#[A-Za-z_][A-Za-z0-9_]*(\$[A-Za-z_][A-Za-z0-9_]*)?$/;

const BASE_KEYS = ["type", "traits", "mixins"];
const ALLOWED_KEYS: Record<string, string[]> = {
  list: [...BASE_KEYS, "member"],
  set: [...BASE_KEYS, "member"],
  map: [...BASE_KEYS, "key", "value"],
  structure: [...BASE_KEYS, "members"],
  union: [...BASE_KEYS, "members"],
  enum: [...BASE_KEYS, "members"],
  intEnum: [...BASE_KEYS, "members"],
  service: [...BASE_KEYS, ...ENTITY_PROPERTIES.service],
  operation: [...BASE_KEYS, ...ENTITY_PROPERTIES.operation],
  resource: [...BASE_KEYS, ...ENTITY_PROPERTIES.resource],
  apply: ["type", "traits"],
};
for (const simple of ["blob", "boolean", "string", "byte", "short", "integer", "long", "float", "double"]) {
  ALLOWED_KEYS[simple] = BASE_KEYS;
}
for (const simple of ["bigInteger", "bigDecimal", "timestamp", "document"]) ALLOWED_KEYS[simple] = BASE_KEYS;

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "object" ? "object" : typeof value;
}

function parseJsonVersion(text: string): IdlVersion | undefined {
  if (text === "1" || text === "1.0") return "1.0";
  if (text === "2" || text === "2.0") return "2.0";
  return undefined;
}

/**
 * Finds where each shape's `"ns#Name":` key is written. Shapes are searched in document order
 * with a moving cursor, so the whole text is scanned about once.
 */
function shapeKeyLocations(filename: string, text: string, ids: string[]): Map<string, SourceLocation> {
  const index = new LineIndex(text);
  const result = new Map<string, SourceLocation>();
  let cursor = 0;
  for (const id of ids) {
    const quoted = `"${id}"`;
    let at = text.indexOf(quoted, cursor);
    while (at !== -1 && !followedByColon(text, at + quoted.length)) at = text.indexOf(quoted, at + 1);
    if (at === -1) continue;
    result.set(id, index.locate(filename, at));
    cursor = at + quoted.length;
  }
  return result;
}

function followedByColon(text: string, from: number): boolean {
  let i = from;
  while (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r") i++;
  return text[i] === ":";
}

function warnAdditionalTopLevel(
  root: Record<string, unknown>,
  location: SourceLocation,
  events: ValidationEvent[],
): void {
  const allowed = ["metadata", "shapes", "smithy"];
  const extra = Object.keys(root)
    .filter((key) => !allowed.includes(key))
    .sort();
  if (extra.length === 0) return;
  events.push({
    id: "Model",
    severity: "WARNING",
    message: `Expected an object with possible properties of ${allowed.map((key) => `\`${key}\``).join(", ")}, but found additional properties: ${extra.map((key) => `\`${key}\``).join(", ")}`,
    sourceLocation: location,
  });
}
