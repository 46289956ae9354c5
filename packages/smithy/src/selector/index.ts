// Smithy selectors: parse once, evaluate against assembled models.

import { Selector } from "./selector.js";

export type { SelectorExpression } from "./ast.js";
export { SelectorSyntaxError } from "./parser.js";
export { Selector, selectorGraph } from "./selector.js";

const compiled = new Map<string, Selector>();

/** Parses a selector, reusing an earlier parse of the same text. Throws SelectorSyntaxError. */
export function compileSelector(text: string): Selector {
  let selector = compiled.get(text);
  if (selector === undefined) {
    selector = new Selector(text);
    compiled.set(text, selector);
  }
  return selector;
}
