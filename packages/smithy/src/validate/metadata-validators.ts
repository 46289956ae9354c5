// Validators declared in the `validators` metadata
// (https://smithy.io/2.0/spec/model-validation.html#validators). Built in: EmitEachSelector and
// EmitNoneSelector and UnreferencedShape. Unknown names produce an `UnknownValidator_<name>` warning, as in Smithy.

import type { AstModel, NodeObject, NodeValue } from "../ast.js";
import type { Severity, ValidationEvent } from "../events.js";
import { attributePath, shapeAttribute, stringOf } from "../selector/attributes.js";
import { compileSelector, type Selector, SelectorSyntaxError, selectorGraph } from "../selector/index.js";
import type { ValidatorContext } from "./context.js";
import { describeNodeType, isNodeObject } from "./node-types.js";

const SEVERITIES = new Set(["DANGER", "WARNING", "NOTE"]);

interface ValidatorDefinition {
  name: string;
  id: string;
  message?: string;
  severity?: Severity;
  namespaces: string[];
  selector?: Selector;
  configuration: NodeObject;
}

type ValidatorFactory = (configuration: NodeObject) => (context: ValidatorContext) => ValidationEvent[];

const FACTORIES: Record<string, ValidatorFactory> = {
  EmitEachSelector: emitEachSelector,
  EmitNoneSelector: emitNoneSelector,
  UnreferencedShape: unreferencedShape,
};

/** Runs the metadata validators; events are reported with the definition's id, severity and message. */
export function runMetadataValidators(context: ValidatorContext): ValidationEvent[] {
  const events: ValidationEvent[] = [];
  const definitions = loadDefinitions(context.model.metadata?.validators, events);
  for (const definition of definitions) {
    const factory = FACTORIES[definition.name];
    if (factory === undefined) {
      events.push({
        id: `UnknownValidator_${definition.name}`,
        severity: "WARNING",
        message: `Unable to locate a validator named \`${definition.name}\``,
      });
      continue;
    }
    let validate: ReturnType<ValidatorFactory>;
    try {
      validate = factory(definition.configuration);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      events.push({
        id: "Model",
        severity: "ERROR",
        message: `Error creating \`${definition.name}\` validator: ${reason}`,
      });
      continue;
    }
    events.push(...mapEvents(context.model, definition, validate(context)));
  }
  return events;
}

function loadDefinitions(value: NodeValue | undefined, events: ValidationEvent[]): ValidatorDefinition[] {
  if (value === undefined) return [];
  const error = (message: string) => events.push({ id: "Model", severity: "ERROR", message });
  if (!Array.isArray(value)) {
    error(`validators must be an array. Found ${describeNodeType(value)}.`);
    return [];
  }
  const result: ValidatorDefinition[] = [];
  for (const entry of value) {
    if (!isNodeObject(entry)) {
      error(`Each element of \`validators\` must be an object. Found ${describeNodeType(entry)}.`);
      continue;
    }
    const definition = loadDefinition(entry, error);
    if (definition !== undefined) result.push(definition);
  }
  return result;
}

function loadDefinition(
  entry: NodeObject,
  error: (message: string) => void,
): ValidatorDefinition | undefined {
  const { name, id, message, severity, namespaces, selector, configuration } = entry;
  if (typeof name !== "string") {
    error("Expected validator definition to have a string `name`");
    return undefined;
  }
  const definition: ValidatorDefinition = {
    name,
    id: typeof id === "string" ? id : name,
    namespaces: [],
    configuration: isNodeObject(configuration) ? configuration : {},
  };
  if (typeof message === "string") definition.message = message;
  if (severity !== undefined) {
    if (typeof severity !== "string" || !SEVERITIES.has(severity)) {
      error(
        `Expected validator severity to be one of DANGER, WARNING, NOTE; found ${JSON.stringify(severity)}`,
      );
      return undefined;
    }
    definition.severity = severity as Severity;
  }
  if (Array.isArray(namespaces)) {
    for (const namespace of namespaces)
      if (typeof namespace === "string") definition.namespaces.push(namespace);
  }
  if (typeof selector === "string") {
    try {
      definition.selector = compileSelector(selector);
    } catch (caught) {
      if (!(caught instanceof SelectorSyntaxError)) throw caught;
      error(caught.message);
      return undefined;
    }
  }
  return definition;
}

/** Filters by `namespaces` and `selector`, then applies the definition's id, severity and message. */
function mapEvents(
  model: AstModel,
  definition: ValidatorDefinition,
  events: ValidationEvent[],
): ValidationEvent[] {
  const candidates = definition.selector?.select(model);
  const result: ValidationEvent[] = [];
  for (const event of events) {
    const shapeId = event.shapeId;
    if (shapeId !== undefined) {
      const namespace = shapeId.slice(0, shapeId.indexOf("#"));
      if (definition.namespaces.length > 0 && !definition.namespaces.includes(namespace)) continue;
      if (candidates !== undefined && !candidates.has(shapeId)) continue;
    }
    const dot = event.id.indexOf(".");
    const mapped: ValidationEvent = {
      ...event,
      id: dot === -1 ? definition.id : definition.id + event.id.slice(dot),
      severity: definition.severity ?? event.severity,
    };
    if (definition.message !== undefined)
      mapped.message = definition.message.replaceAll("{super}", event.message);
    result.push(mapped);
  }
  return result;
}

function requireSelector(configuration: NodeObject): Selector {
  const text = configuration.selector;
  if (typeof text !== "string") throw new Error("selector is required");
  return compileSelector(text);
}

function emitEachSelector(configuration: NodeObject): (context: ValidatorContext) => ValidationEvent[] {
  const selector = requireSelector(configuration);
  const bindToTrait = typeof configuration.bindToTrait === "string" ? configuration.bindToTrait : undefined;
  const template =
    typeof configuration.messageTemplate === "string" ? configuration.messageTemplate : undefined;
  return (context) => {
    const graph = selectorGraph(context.model);
    const events: ValidationEvent[] = [];
    for (const match of selector.matches(context.model)) {
      const shape = graph.shapes.get(match.id);
      if (shape === undefined) continue;
      if (bindToTrait !== undefined && !Object.hasOwn(shape.traits, bindToTrait)) continue;
      const message =
        template === undefined
          ? `Selector capture matched selector: ${selector.text}`
          : expandTemplate(
              template,
              (path) => stringOf(attributePath(shapeAttribute(shape, match.vars), path, graph)) ?? "",
            );
      const event: ValidationEvent = {
        id: "EmitEachSelector",
        severity: "DANGER",
        message,
        shapeId: match.id,
      };
      const location = context.locations.get(match.id);
      if (location !== undefined) event.sourceLocation = location;
      events.push(event);
    }
    return events;
  };
}

/** `@{id|name}` is replaced by the attribute's value; `@@` is a literal `@`. */
function expandTemplate(template: string, read: (path: string[]) => string): string {
  return template.replace(/@@|@\{([^}]*)\}/g, (_whole, path: string | undefined) =>
    path === undefined ? "@" : read(path.split("|").map((segment) => segment.trim())),
  );
}

function emitNoneSelector(configuration: NodeObject): (context: ValidatorContext) => ValidationEvent[] {
  const selector = requireSelector(configuration);
  return (context) => {
    const found = [...selector.select(context.model)].some((id) => !id.startsWith("smithy.api#"));
    if (found) return [];
    return [
      {
        id: "EmitNoneSelector",
        severity: "DANGER",
        message: `Expected at least one shape to match selector: ${selector.text}`,
      },
    ];
  };
}

/**
 * NOTE for every shape not connected to a root (`rootShapeSelector`, default `service`), a trait
 * definition or a `@metadata` shape. Members and prelude shapes are never reported.
 */
function unreferencedShape(configuration: NodeObject): (context: ValidatorContext) => ValidationEvent[] {
  const text =
    typeof configuration.rootShapeSelector === "string" ? configuration.rootShapeSelector : "service";
  const roots = compileSelector(text);
  return (context) => {
    const graph = selectorGraph(context.model);
    const connected = new Set<string>();
    const stack: string[] = [...roots.select(context.model)];
    for (const [id, shape] of Object.entries(context.model.shapes)) {
      const traits = shape.traits ?? {};
      if (Object.hasOwn(traits, "smithy.api#trait") || Object.hasOwn(traits, "smithy.api#metadata"))
        stack.push(id);
    }
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (connected.has(id)) continue;
      connected.add(id);
      const shape = graph.shapes.get(id);
      if (shape === undefined) continue;
      for (const rel of graph.neighbors(shape, false)) if (!connected.has(rel.to)) stack.push(rel.to);
    }
    const events: ValidationEvent[] = [];
    for (const id of Object.keys(context.model.shapes)) {
      if (connected.has(id) || id.startsWith("smithy.api#")) continue;
      const event: ValidationEvent = {
        id: "UnreferencedShape",
        severity: "NOTE",
        shapeId: id,
        message: `This shape is unreferenced. It has no modeled connections to shapes that match the following selector: \`${text}\``,
      };
      const location = context.locations.get(id);
      if (location !== undefined) event.sourceLocation = location;
      events.push(event);
    }
    return events;
  };
}
