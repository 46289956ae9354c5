// The parsed form of a Smithy selector (https://smithy.io/2.0/spec/selectors.html).
// A selector is a sequence of expressions; each one filters, maps or expands the shapes
// flowing through it.

export type Comparator =
  | "="
  | "!="
  | "^="
  | "$="
  | "*="
  | "?="
  | ">"
  | ">="
  | "<"
  | "<="
  | "{=}"
  | "{!=}"
  | "{<}"
  | "{<<}";

/** A value in a scoped attribute assertion: a literal, or `@{path}` read from the scope. */
export type ScopedValue = { kind: "literal"; text: string } | { kind: "context"; path: string[] };

export interface ScopedAssertion {
  left: ScopedValue;
  comparator: Comparator;
  right: ScopedValue[];
  insensitive: boolean;
}

export type SelectorExpression =
  | { kind: "any" }
  | { kind: "type"; keyword: string }
  | { kind: "attribute"; path: string[]; comparator?: Comparator; values: string[]; insensitive: boolean }
  | { kind: "scoped"; path: string[]; assertions: ScopedAssertion[] }
  | { kind: "function"; name: string; args: SelectorExpression[][] }
  | { kind: "neighbor"; direction: "forward" | "reverse"; relationships: string[] }
  | { kind: "recursiveNeighbor" }
  | { kind: "setVariable"; name: string; selector: SelectorExpression[] }
  | { kind: "getVariable"; name: string };
