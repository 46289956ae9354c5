// fast-check arbitraries built from the Smithy model (model/generated/source/model/model.json): valid inputs
// follow every @length, @pattern, @range, enum and @required constraint; hostile ones break exactly one.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";

const MODEL_FILE = path.resolve(import.meta.dirname, "../../../../model/generated/source/model/model.json");
const NAMESPACE = "com.amazonaws.omics#";

interface ShapeRef {
  target: string;
  traits?: Record<string, unknown>;
}
interface Shape {
  type: string;
  members?: Record<string, ShapeRef>;
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  traits?: Record<string, unknown>;
}

const shapes = (JSON.parse(readFileSync(MODEL_FILE, "utf8")) as { shapes: Record<string, Shape> }).shapes;

/** Prelude shapes, for a model file that leaves them out (the stand-in model does). */
const PRELUDE: Record<string, Shape> = {
  "smithy.api#String": { type: "string" },
  "smithy.api#Integer": { type: "integer" },
  "smithy.api#Timestamp": { type: "timestamp" },
  "smithy.api#Boolean": { type: "boolean" },
};

export function shape(id: string): Shape {
  const absolute = id.includes("#") ? id : `${NAMESPACE}${id}`;
  const found = shapes[absolute] ?? PRELUDE[absolute];
  if (!found) throw new Error(`shape ${id} is not in ${MODEL_FILE}`);
  return found;
}

function trait<T>(traits: Record<string, unknown> | undefined, name: string): T | undefined {
  return traits?.[`smithy.api#${name}`] as T | undefined;
}

// --- characters ---------------------------------------------------------------------------------------

/** The character class of the model's free-text pattern ^[\p{L}||\p{M}||\p{Z}||\p{S}||\p{N}||\p{P}]+$. */
export const TEXT_CLASS = /^[\p{L}\p{M}\p{Z}\p{S}\p{N}\p{P}]$/u;
const TEXT_PATTERN = "^[\\p{L}||\\p{M}||\\p{Z}||\\p{S}||\\p{N}||\\p{P}]+$";

/**
 * Code points from the ranges where the edge cases live: ASCII, the rest of the BMP (separators, bidi marks,
 * symbols), combining marks, emoji and CJK beyond the BMP (astral: two UTF-16 units, one code point).
 */
const anyCodePoint = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 3, arbitrary: fc.integer({ min: 0xa0, max: 0xfffd }) },
  { weight: 2, arbitrary: fc.integer({ min: 0x300, max: 0x36f }) },
  { weight: 1, arbitrary: fc.integer({ min: 0x1f300, max: 0x1faff }) },
  { weight: 1, arbitrary: fc.integer({ min: 0x20000, max: 0x2a6df }) },
  { weight: 1, arbitrary: fc.constantFrom(0x2028, 0x2029, 0x3000, 0x200b, 0x200f, 0xfeff, 0xfff9, 0x10ffff) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x1f }) },
);

/** Characters the free-text pattern allows (no controls, no format characters, no lone surrogates). */
export const textChar = anyCodePoint.map((cp) => String.fromCodePoint(cp)).filter((c) => TEXT_CLASS.test(c));

/** Any Unicode scalar value (controls and NUL included, lone surrogates not: they cannot be UTF-8). */
const scalarChar = anyCodePoint
  .filter((cp) => cp < 0xd800 || cp > 0xdfff)
  .map((cp) => String.fromCodePoint(cp));

/** `.` of an ECMAScript pattern with the u flag: any code point but line terminators. */
const dotChar = scalarChar.filter((c) => !/[\n\r\u2028\u2029]/.test(c));

/** Strings of `min..max` code points (Smithy's @length counts code points), hitting both bounds often. */
function codePoints(char: fc.Arbitrary<string>, min: number, max: number): fc.Arbitrary<string> {
  const join = (chars: string[]) => chars.join("");
  const typical = Math.min(max, min + 24);
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(char, { minLength: min, maxLength: typical }).map(join) },
    { weight: 1, arbitrary: fc.array(char, { minLength: min, maxLength: min }).map(join) },
    { weight: 1, arbitrary: fc.array(char, { minLength: max, maxLength: max }).map(join) },
  );
}

const bucket = fc
  .tuple(
    fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"),
    fc.array(fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-."), { minLength: 1, maxLength: 61 }),
    fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"),
  )
  .map(([first, middle, last]) => `${first}${middle.join("")}${last}`);

function s3Location(maxPrefix: number): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant(""),
    fc
      .tuple(bucket, fc.option(codePoints(dotChar, 1, maxPrefix), { nil: undefined }), fc.boolean())
      .map(([name, prefix, slash]) =>
        prefix === undefined ? `s3://${name}${slash ? "/" : ""}` : `s3://${name}/${prefix}/`,
      ),
  );
}

const keyArn = fc
  .tuple(
    fc.constantFrom("aws", "aws-cn", "aws-us-gov"),
    fc.constantFrom("us-east-1", "eu-west-2", "ap-southeast-2"),
    fc.stringMatching(/^[0-9]{12}$/),
    fc.uuid(),
  )
  .map(([partition, region, account, id]) => `arn:${partition}:kms:${region}:${account}:key/${id}`);

/**
 * Generators for the model's patterns. A pattern not listed here fails the test run: a new constraint must
 * get a generator before the suite can claim valid inputs are accepted.
 */
const PATTERNS: Record<string, (min: number, max: number) => fc.Arbitrary<string>> = {
  [TEXT_PATTERN]: (min, max) => codePoints(textChar, min, max),
  "^[0-9]+$": (min, max) => fc.stringMatching(new RegExp(`^[1-9][0-9]{${min - 1},${max - 1}}$`)),
  "^$|^s3://([a-z0-9][a-z0-9-.]{1,61}[a-z0-9])/?((.{1,1024})/)?$": () => s3Location(1024),
  "^$|^s3://([a-z0-9][a-z0-9-.]{1,61}[a-z0-9])/?((.{1,800})/)?$": () => s3Location(800),
  "arn:([^:\n]*):([^:\n]*):([^:\n]*):([0-9]{12}):([^:\n]*)": () => keyArn,
};

// --- valid values -----------------------------------------------------------------------------------------

/** Limits the server documents beyond the model (README: at most 50 tags, as AWS documents). */
const SERVER_LIMITS: Record<string, number> = { [`${NAMESPACE}TagMap`]: 50 };

/** Members bound to the URI or query are generated by the caller (they are not part of the JSON body). */
function isBodyMember(ref: ShapeRef): boolean {
  return !["httpLabel", "httpQuery", "httpHeader"].some((name) => trait(ref.traits, name) !== undefined);
}

function stringArbitrary(traits: Record<string, unknown> | undefined): fc.Arbitrary<string> {
  const length = trait<{ min?: number; max?: number }>(traits, "length") ?? {};
  const pattern = trait<string>(traits, "pattern");
  const min = length.min ?? 0;
  const max = length.max ?? 256;
  if (pattern === undefined) return codePoints(scalarChar, min, max);
  const generator = PATTERNS[pattern];
  if (!generator) throw new Error(`no generator for the model's pattern ${pattern}`);
  return generator(min, max);
}

/** Valid JSON values for a shape (timestamps as restJson1 sends them: epoch seconds). */
export function validValue(id: string): fc.Arbitrary<unknown> {
  const s = shape(id);
  switch (s.type) {
    case "string":
      return stringArbitrary(s.traits);
    case "enum":
      return fc.constantFrom(
        ...Object.values(s.members ?? {}).map((m) => trait<string>(m.traits, "enumValue")!),
      );
    case "integer": {
      const range = trait<{ min?: number; max?: number }>(s.traits, "range") ?? {};
      return fc.integer({ min: range.min ?? -(2 ** 31), max: range.max ?? 2 ** 31 - 1 });
    }
    case "timestamp":
      return fc.integer({ min: 0, max: 4_102_444_800 });
    case "list": {
      const length = trait<{ min?: number; max?: number }>(s.traits, "length") ?? {};
      return fc.array(validValue(s.member!.target), {
        minLength: length.min ?? 0,
        maxLength: Math.min(length.max ?? 10, 50),
      });
    }
    case "map":
      return fc
        .array(fc.tuple(validValue(s.key!.target), validValue(s.value!.target)), {
          maxLength: SERVER_LIMITS[id.includes("#") ? id : `${NAMESPACE}${id}`] ?? 10,
        })
        .map((entries) => {
          // A plain object: keys such as __proto__ stay data, as JSON.parse makes them.
          const map: Record<string, unknown> = {};
          for (const [key, value] of entries)
            Object.defineProperty(map, key as string, {
              value,
              enumerable: true,
              writable: true,
              configurable: true,
            });
          return map;
        });
    case "structure":
      return structureArbitrary(id);
    default:
      throw new Error(`no generator for shape type ${s.type} (${id})`);
  }
}

/** A structure's body members: required ones always, optional ones sometimes. */
export function structureArbitrary(id: string): fc.Arbitrary<Record<string, unknown>> {
  const members = Object.entries(shape(id).members ?? {}).filter(([, ref]) => isBodyMember(ref));
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const [name, ref] of members) {
    record[name] = memberValue(ref);
    if (trait(ref.traits, "required") !== undefined) required.push(name);
  }
  return fc.record(record, { requiredKeys: required }) as fc.Arbitrary<Record<string, unknown>>;
}

/** A member's value; timestamps carry their format on the member. */
function memberValue(ref: ShapeRef): fc.Arbitrary<unknown> {
  if (shape(ref.target).type === "timestamp" && trait(ref.traits, "timestampFormat") === "date-time") {
    return fc
      .date({
        min: new Date("1970-01-01T00:00:00Z"),
        max: new Date("2100-01-01T00:00:00Z"),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
  }
  // Member traits (length, pattern …) narrow the target's.
  if (ref.traits && shape(ref.target).type === "string") {
    return stringArbitrary({ ...shape(ref.target).traits, ...ref.traits });
  }
  return validValue(ref.target);
}

// --- hostile values ---------------------------------------------------------------------------------------

/** A JSON-pointer path into an input and the shape found there. */
export interface MemberPath {
  pointer: string[];
  target: string;
  required: boolean;
}

/** Every member path of a structure's body, down through structures (maps and lists by one sample key). */
export function memberPaths(id: string, prefix: string[] = []): MemberPath[] {
  const paths: MemberPath[] = [];
  for (const [name, ref] of Object.entries(shape(id).members ?? {})) {
    if (!isBodyMember(ref)) continue;
    const pointer = [...prefix, name];
    paths.push({ pointer, target: ref.target, required: trait(ref.traits, "required") !== undefined });
    const target = shape(ref.target);
    if (target.type === "structure") paths.push(...memberPaths(ref.target, pointer));
    if (target.type === "map") {
      paths.push({ pointer: [...pointer, "sampleKey"], target: target.value!.target, required: false });
    }
    if (target.type === "list") {
      paths.push({ pointer: [...pointer, "0"], target: target.member!.target, required: false });
    }
  }
  return paths;
}

/** Values that break the target's type or one of its constraints. */
export function invalidValues(id: string): unknown[] {
  const s = shape(id);
  const notString = [7, true, null, ["x"], { x: "y" }];
  switch (s.type) {
    case "string": {
      const length = trait<{ min?: number; max?: number }>(s.traits, "length");
      const pattern = trait<string>(s.traits, "pattern");
      const values: unknown[] = [...notString];
      if (length?.max !== undefined) values.push("7".repeat(length.max + 1));
      if (length?.min !== undefined && length.min > 0) values.push("");
      if (pattern === TEXT_PATTERN)
        values.push("a\u0000b", "bell\u0007", "lone \ud800 surrogate", "tab\there");
      else if (pattern !== undefined && !pattern.startsWith("^$|")) values.push("!!not it!!");
      else if (pattern !== undefined) values.push("s3://UPPER/");
      return values;
    }
    case "enum":
      return [...notString, "NOT_A_MEMBER", ""];
    case "timestamp":
      return ["yesterday", true, ["x"], { x: 1 }];
    case "structure":
      return ["x", 7, ["x"], true];
    case "map":
      return ["x", 7, ["x"], true];
    case "list": {
      const length = trait<{ min?: number; max?: number }>(s.traits, "length");
      return [
        "x",
        { x: "y" },
        7,
        ...(length?.max !== undefined ? [Array.from({ length: length.max + 1 }, (_, i) => `k${i}`)] : []),
      ];
    }
    default:
      return [];
  }
}

/** `value` with `replacement` at `pointer` (creating the objects on the way). */
export function setAt(
  value: Record<string, unknown>,
  pointer: string[],
  replacement: unknown,
): Record<string, unknown> {
  const copy = structuredClone(value);
  let cursor: Record<string, unknown> = copy;
  pointer.slice(0, -1).forEach((key, i) => {
    const existing = cursor[key];
    if (existing === null || typeof existing !== "object") {
      cursor[key] = /^\d+$/.test(pointer[i + 1] ?? "") ? [] : {};
    }
    cursor = cursor[key] as Record<string, unknown>;
  });
  cursor[pointer.at(-1)!] = replacement;
  return copy;
}
