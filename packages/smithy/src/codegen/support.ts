// What the code generators implement, checked against a model before anything is generated: a trait they
// do not implement (or do not know) is an ERROR at the shape's source location, never silently wrong code.
// The list itself is data (the repository keeps it in scripts/lib/generate/codegen-support.json).
import type { AstModel, AstShape } from "../ast.js";
import type { SourceLocation, ValidationEvent } from "../events.js";
import { builtInShapeIds } from "../loader/load-model.js";
import { operationErrors, serviceOperations } from "../model/service.js";
import { getShape, isUnit } from "../model/shapes.js";
import { memberEntries } from "../validate/targets.js";
import { isPreludeShape } from "./closure.js";

/** The sides a generator produces code for. */
export const CODEGEN_SIDES = ["client", "server"] as const;
export type CodegenSide = (typeof CODEGEN_SIDES)[number];

/**
 * - `supported`: generated code implements the trait.
 * - `buffered`: implemented, with the whole value in memory (streaming blobs).
 * - `partial`: generated code is correct for what it does; the notes say what it leaves out.
 * - `no-effect`: the trait changes nothing the generated code does on the wire (documentation, metadata).
 * - `unsupported`: generation stops with an error.
 */
export const SUPPORT_STATUSES = ["supported", "buffered", "partial", "no-effect", "unsupported"] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];

export interface SupportEntry {
  /** Absolute trait shape ID, e.g. `smithy.api#streaming`. */
  trait: string;
  /** Shape types the entry covers (for a member: its target's type); every type when absent. */
  on?: string[];
  /** What the entry is called in the docs table when it is not the trait alone (e.g. "event streams"). */
  feature?: string;
  client: SupportStatus;
  server: SupportStatus;
  notes: string;
}

export interface CodegenSupport {
  features: SupportEntry[];
}

export interface CodegenSupportOptions {
  serviceId: string;
  /** Where shapes and members were defined (`LoadResult.locations`), for `file:line:col`. */
  locations?: ReadonlyMap<string, SourceLocation>;
  /** The generators that will run (default: both). */
  sides?: readonly CodegenSide[];
  /** Where the support list lives, named in the messages. */
  source?: string;
  /** The protocol trait the generators speak (e.g. `aws.protocols#restJson1`): the service must declare it. */
  protocol?: string;
}

export const CODEGEN_SUPPORT_EVENT = "CodegenSupport";

/** Reads and checks the support list's JSON, with one clear message for each bad entry. */
export function parseCodegenSupport(json: unknown, source = "codegen support list"): CodegenSupport {
  const problems: string[] = [];
  const features: SupportEntry[] = [];
  const list = isObject(json) ? json.features : undefined;
  if (!Array.isArray(list)) throw new Error(`${source}: expected an object with a \`features\` array`);
  const seen = new Set<string>();
  list.forEach((entry: unknown, index) => {
    const where = `${source}: features[${index}]`;
    if (!isObject(entry)) {
      problems.push(`${where} is not an object`);
      return;
    }
    const { trait, on, feature, client, server, notes } = entry;
    if (typeof trait !== "string" || !/^[A-Za-z_][\w.]*#\w+$/.test(trait))
      problems.push(`${where}.trait must be an absolute shape ID, found ${JSON.stringify(trait)}`);
    if (on !== undefined && !(Array.isArray(on) && on.length > 0 && on.every((t) => typeof t === "string")))
      problems.push(`${where}.on must be a non-empty array of shape types`);
    if (feature !== undefined && typeof feature !== "string")
      problems.push(`${where}.feature must be a string`);
    for (const [side, status] of [
      ["client", client],
      ["server", server],
    ] as const) {
      if (!SUPPORT_STATUSES.includes(status as SupportStatus))
        problems.push(`${where}.${side} must be one of ${SUPPORT_STATUSES.join(", ")}`);
    }
    const needsNotes = [client, server].some(
      (s) => s === "partial" || s === "unsupported" || s === "buffered",
    );
    if (typeof notes !== "string" || (needsNotes && notes.trim() === ""))
      problems.push(`${where}.notes must say what is left out (a string; required unless fully supported)`);
    const key = `${String(trait)} ${Array.isArray(on) ? on.join(",") : "*"}`;
    if (seen.has(key)) problems.push(`${where} repeats ${key}`);
    seen.add(key);
    features.push(entry as unknown as SupportEntry);
  });
  if (problems.length > 0) throw new Error(problems.join("\n"));
  return { features };
}

/** The entry that covers `trait` on a shape of type `type` (a typed entry wins over a general one). */
export function findSupportEntry(
  support: CodegenSupport,
  trait: string,
  type: string,
): SupportEntry | undefined {
  const matching = support.features.filter(
    (e) => e.trait === trait && (e.on === undefined || e.on.includes(type)),
  );
  return matching.find((e) => e.on !== undefined) ?? matching[0];
}

/**
 * ERROR events for every trait in the service's closure that a requested side does not implement, and for
 * every built-in trait (prelude, aws.*, smithy.rules, smithy.waiters) the list does not mention.
 * User-defined traits are not the generators' business and pass.
 */
export function checkCodegenSupport(
  model: AstModel,
  support: CodegenSupport,
  options: CodegenSupportOptions,
): ValidationEvent[] {
  const sides = options.sides ?? CODEGEN_SIDES;
  const source = options.source ?? "the codegen support list";
  const builtIn = builtInShapeIds();
  const events: ValidationEvent[] = [];
  const check = (owner: string, traits: Record<string, unknown> | undefined, type: string) => {
    for (const trait of Object.keys(traits ?? {})) {
      if (!builtIn.has(trait)) continue;
      const name = trait.startsWith("smithy.api#") ? trait.slice("smithy.api#".length) : trait;
      const entry = findSupportEntry(support, trait, type);
      const location = options.locations?.get(owner) ?? options.locations?.get(owner.split("$")[0] as string);
      const event = (message: string): ValidationEvent => ({
        id: CODEGEN_SUPPORT_EVENT,
        severity: "ERROR",
        message,
        shapeId: owner,
        ...(location ? { sourceLocation: location } : {}),
      });
      if (entry === undefined) {
        events.push(
          event(
            `Trait \`@${name}\` on ${type} \`${owner}\` is not known to the client and server generators ` +
              `(not in ${source}); generated code would ignore it`,
          ),
        );
        continue;
      }
      const missing = sides.filter((side) => entry[side] === "unsupported");
      if (missing.length === 0) continue;
      const what =
        entry.feature === undefined ? `Trait \`@${name}\`` : `Trait \`@${name}\` (${entry.feature})`;
      events.push(
        event(
          `${what} on ${type} \`${owner}\` is not supported by the ${missing.join(" and ")} generator${missing.length > 1 ? "s" : ""}: ${entry.notes}`,
        ),
      );
    }
  };
  const service = getShape(model, options.serviceId);
  if (
    options.protocol !== undefined &&
    service !== undefined &&
    service.traits?.[options.protocol] === undefined
  ) {
    const location = options.locations?.get(options.serviceId);
    events.push({
      id: CODEGEN_SUPPORT_EVENT,
      severity: "ERROR",
      message: `Service \`${options.serviceId}\` does not declare \`@${options.protocol}\`, the protocol the generators speak`,
      shapeId: options.serviceId,
      ...(location ? { sourceLocation: location } : {}),
    });
  }
  for (const id of supportScope(model, options.serviceId)) {
    const shape = getShape(model, id);
    if (shape === undefined) continue;
    check(id, shape.traits, shape.type);
    for (const [name, member] of memberEntries(shape)) {
      check(`${id}$${name}`, member.traits, getShape(model, member.target)?.type ?? "member");
    }
  }
  // In source order (then by shape), whatever order the closure was walked in.
  const key = (e: ValidationEvent) => e.sourceLocation?.filename ?? "";
  return events.sort(
    (a, b) =>
      key(a).localeCompare(key(b)) ||
      (a.sourceLocation?.line ?? 0) - (b.sourceLocation?.line ?? 0) ||
      (a.sourceLocation?.column ?? 0) - (b.sourceLocation?.column ?? 0) ||
      (a.shapeId ?? "").localeCompare(b.shapeId ?? ""),
  );
}

/** The operations whose input, output or errors reach a shape an event is about, by operation. */
export function operationsAffected(
  model: AstModel,
  serviceId: string,
  events: readonly ValidationEvent[],
): Map<string, ValidationEvent[]> {
  const affected = new Map<string, ValidationEvent[]>();
  const serviceErrors = new Set(
    (getShape(model, serviceId)?.errors ?? []).flatMap((e) => [...operationScope(model, [e.target])]),
  );
  for (const operationId of serviceOperations(model, serviceId)) {
    const scope = operationScope(model, [operationId]);
    for (const event of events) {
      const shapeId = event.shapeId?.split("$")[0];
      if (
        shapeId === undefined ||
        !(scope.has(shapeId) || serviceErrors.has(shapeId) || shapeId === serviceId)
      )
        continue;
      affected.set(operationId, [...(affected.get(operationId) ?? []), event]);
    }
  }
  return affected;
}

/** A copy of the model without `operations`, unbound from every service and resource. */
export function withoutOperations(model: AstModel, operations: Iterable<string>): AstModel {
  const removed = new Set(operations);
  const shapes: Record<string, AstShape> = {};
  for (const [id, shape] of Object.entries(model.shapes)) {
    if (removed.has(id)) continue;
    const keep = (list: { target: string }[] | undefined) => list?.filter((ref) => !removed.has(ref.target));
    const copy: AstShape = { ...shape };
    if (shape.type === "service" || shape.type === "resource") {
      for (const key of ["operations", "collectionOperations"] as const) {
        const list = keep(shape[key]);
        if (list !== undefined) copy[key] = list;
      }
      for (const key of ["create", "put", "read", "update", "delete", "list"] as const) {
        const ref = shape[key];
        if (ref !== undefined && removed.has(ref.target)) delete copy[key];
      }
    }
    shapes[id] = copy;
  }
  return { ...model, shapes };
}

/** The service, its operations and every shape they reach (prelude shapes aside). */
function supportScope(model: AstModel, serviceId: string): Set<string> {
  const operations = serviceOperations(model, serviceId);
  const roots = [
    serviceId,
    ...operations,
    ...(getShape(model, serviceId)?.errors ?? []).map((e) => e.target),
  ];
  for (const operationId of operations) roots.push(...operationErrors(model, serviceId, operationId));
  return operationScope(model, roots);
}

function operationScope(model: AstModel, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const pending = [...roots];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (isUnit(id) || isPreludeShape(id) || seen.has(id)) continue;
    seen.add(id);
    const shape = getShape(model, id);
    if (shape === undefined) continue;
    if (shape.type === "operation") {
      if (shape.input) pending.push(shape.input.target);
      if (shape.output) pending.push(shape.output.target);
      for (const error of shape.errors ?? []) pending.push(error.target);
      continue;
    }
    if (shape.type === "service") continue;
    for (const [, member] of memberEntries(shape)) pending.push(member.target);
  }
  return seen;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
