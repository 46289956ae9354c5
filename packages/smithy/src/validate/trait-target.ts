// Traits may only be applied where the selector of their definition matches
// (https://smithy.io/2.0/spec/model.html#trait-selector). Traits are grouped by selector so
// each distinct selector runs once.

import { compileSelector, type Selector, SelectorSyntaxError } from "../selector/index.js";
import type { ValidatorContext } from "./context.js";
import { report } from "./context.js";
import { memberEntries } from "./targets.js";

const TRAIT = "smithy.api#trait";
const MIXIN = "smithy.api#mixin";

export function validateTraitTargets(context: ValidatorContext): void {
  const shapes = context.model.shapes;
  // trait ID → shapes (and members) it is applied to
  const applied = new Map<string, string[]>();
  const add = (traitId: string, owner: string) => {
    let owners = applied.get(traitId);
    if (owners === undefined) {
      owners = [];
      applied.set(traitId, owners);
    }
    owners.push(owner);
  };
  for (const [id, shape] of Object.entries(shapes)) {
    for (const traitId of Object.keys(shape.traits ?? {})) add(traitId, id);
    for (const [name, member] of memberEntries(shape)) {
      for (const traitId of Object.keys(member.traits ?? {})) add(traitId, `${id}$${name}`);
    }
  }
  const bySelector = new Map<Selector, string[]>();
  for (const [traitId, owners] of applied) {
    const name = traitId.startsWith("smithy.api#") ? traitId.slice("smithy.api#".length) : traitId;
    if (shapes[traitId]?.traits?.[MIXIN] !== undefined) {
      for (const owner of owners) {
        report(
          context,
          "TraitTarget",
          "ERROR",
          owner,
          `Trait \`${name}\` is a mixin and cannot be applied to \`${owner}\`.`,
        );
      }
    }
    const definition = shapes[traitId]?.traits?.[TRAIT];
    if (definition === null || typeof definition !== "object" || Array.isArray(definition)) continue;
    const text = definition.selector;
    if (typeof text !== "string" || text.trim() === "*") continue;
    let selector: Selector;
    try {
      selector = compileSelector(text);
    } catch (error) {
      if (!(error instanceof SelectorSyntaxError)) throw error;
      report(context, "TraitValue", "ERROR", traitId, `Invalid trait selector: ${error.message}`);
      continue;
    }
    const traits = bySelector.get(selector) ?? [];
    traits.push(traitId);
    bySelector.set(selector, traits);
  }
  for (const [selector, traits] of bySelector) {
    const candidates = traits.flatMap((traitId) => applied.get(traitId) ?? []);
    const matches = selector.matching(context.model, candidates);
    const shown = selector.text.replace(/\n\s*/g, " ");
    for (const traitId of traits) {
      const name = traitId.startsWith("smithy.api#") ? traitId.slice("smithy.api#".length) : traitId;
      for (const owner of applied.get(traitId) ?? []) {
        if (matches.has(owner)) continue;
        report(
          context,
          "TraitTarget",
          "ERROR",
          owner,
          `Trait \`${name}\` cannot be applied to \`${owner}\`. This trait may only be applied to shapes that match the following selector: ${shown}`,
        );
      }
    }
  }
}
