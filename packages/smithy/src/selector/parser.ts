// Parses selector text (the ABNF at https://smithy.io/2.0/spec/selectors.html#grammar) into
// expressions. Whitespace between tokens is insignificant.

import type { Comparator, ScopedAssertion, ScopedValue, SelectorExpression } from "./ast.js";

export class SelectorSyntaxError extends Error {
  constructor(
    readonly selector: string,
    readonly position: number,
    detail: string,
  ) {
    super(`Syntax error at character ${position} of selector \`${selector}\`: ${detail}`);
    this.name = "SelectorSyntaxError";
  }
}

export const SHAPE_TYPE_KEYWORDS = new Set([
  "number",
  "simpleType",
  "collection",
  "aggregateType",
  "serviceType",
  "dataType",
  "blob",
  "boolean",
  "document",
  "string",
  "enum",
  "timestamp",
  "byte",
  "short",
  "integer",
  "intEnum",
  "long",
  "float",
  "double",
  "bigDecimal",
  "bigInteger",
  "list",
  "set",
  "map",
  "structure",
  "union",
  "member",
  "service",
  "operation",
  "resource",
]);

const FUNCTIONS = new Set(["not", "test", "is", "in", "root", "topdown", "recursive", "each"]);
const SINGLE_ARGUMENT = new Set(["not", "in", "root", "recursive"]);
const BREAK_CHARS = new Set([",", "]", ")"]);
const COMPARATORS: Comparator[] = [
  "{<<}",
  "{!=}",
  "{=}",
  "{<}",
  "^=",
  "$=",
  "*=",
  "!=",
  "?=",
  ">=",
  "<=",
  "=",
  ">",
  "<",
];
const MAX_DEPTH = 100;

function isIdentifierStart(ch: string): boolean {
  return (ch >= "a" && ch <= "z") || (ch >= "A" && ch <= "Z") || ch === "_";
}

function isIdentifierChar(ch: string): boolean {
  return isIdentifierStart(ch) || (ch >= "0" && ch <= "9");
}

/** Characters of an unquoted selector value: shape IDs and numbers. */
function isValueChar(ch: string): boolean {
  return isIdentifierChar(ch) || ch === "." || ch === "#" || ch === "-" || ch === "+";
}

export function parseSelector(text: string): SelectorExpression[] {
  return new Parser(text).parseAll();
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  parseAll(): SelectorExpression[] {
    const result = this.parseSequence();
    this.ws();
    if (this.pos < this.text.length) throw this.error(`Unexpected selector character: ${this.peek()}`);
    return result;
  }

  private error(detail: string): SelectorSyntaxError {
    return new SelectorSyntaxError(this.text, this.pos, detail);
  }

  private peek(offset = 0): string {
    return this.text[this.pos + offset] ?? "";
  }

  private ws(): void {
    while (this.pos < this.text.length && /\s/.test(this.peek())) this.pos++;
  }

  private expect(ch: string): void {
    if (this.peek() !== ch) {
      const found = this.peek() === "" ? "[EOF]" : `'${this.peek()}'`;
      throw this.error(`Expected '${ch}' but found ${found}`);
    }
    this.pos++;
  }

  private parseSequence(): SelectorExpression[] {
    if (++this.depth > MAX_DEPTH) throw this.error("Selector is nested too deeply");
    const result: SelectorExpression[] = [];
    this.ws();
    result.push(this.parseExpression());
    this.ws();
    while (this.pos < this.text.length && !BREAK_CHARS.has(this.peek())) {
      result.push(this.parseExpression());
      this.ws();
    }
    this.depth--;
    // `*` matches everything, so it adds nothing to a sequence.
    return result.filter((expression) => expression.kind !== "any");
  }

  private parseExpression(): SelectorExpression {
    this.ws();
    const ch = this.peek();
    switch (ch) {
      case ":":
        this.pos++;
        return this.parseFunction();
      case "[":
        this.pos++;
        if (this.peek() === "@") {
          this.pos++;
          return this.parseScopedAttribute();
        }
        return this.parseAttribute();
      case ">":
        this.pos++;
        return { kind: "neighbor", direction: "forward", relationships: [] };
      case "<":
        this.pos++;
        if (this.peek() === "-") {
          this.pos++;
          this.expect("[");
          const relationships = this.parseRelationships();
          this.expect("-");
          return { kind: "neighbor", direction: "reverse", relationships };
        }
        return { kind: "neighbor", direction: "reverse", relationships: [] };
      case "~":
        this.pos++;
        this.expect(">");
        return { kind: "recursiveNeighbor" };
      case "-": {
        this.pos++;
        this.expect("[");
        const relationships = this.parseRelationships();
        this.expect("-");
        this.expect(">");
        return { kind: "neighbor", direction: "forward", relationships };
      }
      case "*":
        this.pos++;
        return { kind: "any" };
      case "$":
        this.pos++;
        return this.parseVariable();
      default: {
        if (!isIdentifierStart(ch)) {
          throw this.error(ch === "" ? "Unexpected selector EOF" : `Unexpected selector character: ${ch}`);
        }
        const keyword = this.identifier();
        if (!SHAPE_TYPE_KEYWORDS.has(keyword)) throw this.error(`Unknown shape type: ${keyword}`);
        return { kind: "type", keyword };
      }
    }
  }

  private identifier(): string {
    const start = this.pos;
    if (!isIdentifierStart(this.peek())) throw this.error("Expected an identifier");
    while (isIdentifierChar(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private parseRelationships(): string[] {
    const result: string[] = [];
    for (;;) {
      this.ws();
      result.push(this.identifier());
      this.ws();
      const next = this.peek();
      this.pos++;
      if (next === "]") return result;
      if (next !== ",") throw this.error(`Expected ']' or ',' but found '${next}'`);
    }
  }

  private parseVariable(): SelectorExpression {
    this.ws();
    if (this.peek() === "{") {
      this.pos++;
      this.ws();
      const name = this.identifier();
      this.ws();
      this.expect("}");
      return { kind: "getVariable", name };
    }
    const name = this.identifier();
    this.ws();
    this.expect("(");
    const selector = this.parseSequence();
    this.ws();
    this.expect(")");
    return { kind: "setVariable", name, selector };
  }

  private parseFunction(): SelectorExpression {
    const start = this.pos;
    const name = this.identifier();
    this.ws();
    this.expect("(");
    const args: SelectorExpression[][] = [];
    for (;;) {
      args.push(this.parseSequence());
      this.ws();
      const next = this.peek();
      this.pos++;
      if (next === ")") break;
      if (next !== ",") throw this.error(`Expected ')' or ',' but found '${next}'`);
    }
    if (!FUNCTIONS.has(name)) return { kind: "function", name: "unknown", args };
    if (SINGLE_ARGUMENT.has(name) && args.length !== 1) {
      throw new SelectorSyntaxError(
        this.text,
        start,
        `The :${name} function requires a single selector argument`,
      );
    }
    if (name === "topdown" && args.length > 2) {
      throw new SelectorSyntaxError(
        this.text,
        start,
        `The :topdown function accepts 1 or 2 selectors, but found ${args.length}`,
      );
    }
    return { kind: "function", name: name === "each" ? "is" : name, args };
  }

  private parseAttribute(): SelectorExpression {
    this.ws();
    const path = this.parsePath();
    this.ws();
    if (this.peek() === "]") {
      this.pos++;
      return { kind: "attribute", path, values: [], insensitive: false };
    }
    const comparator = this.parseComparator();
    const values: string[] = [];
    for (;;) {
      this.ws();
      values.push(this.parseValue());
      this.ws();
      if (this.peek() !== ",") break;
      this.pos++;
    }
    const insensitive = this.parseInsensitive();
    this.expect("]");
    return { kind: "attribute", path, comparator, values, insensitive };
  }

  private parseInsensitive(): boolean {
    this.ws();
    if (this.peek() !== "i") return false;
    this.pos++;
    this.ws();
    return true;
  }

  private parseComparator(): Comparator {
    for (const comparator of COMPARATORS) {
      if (this.text.startsWith(comparator, this.pos)) {
        this.pos += comparator.length;
        return comparator;
      }
    }
    throw this.error(`Expected a comparator but found '${this.peek()}'`);
  }

  private parsePath(): string[] {
    const path = [this.parsePathSegment()];
    this.ws();
    while (this.peek() === "|") {
      this.pos++;
      this.ws();
      path.push(this.parsePathSegment());
      this.ws();
    }
    return path;
  }

  private parsePathSegment(): string {
    if (this.peek() === "(") {
      this.pos++;
      const name = this.identifier();
      this.expect(")");
      return `(${name})`;
    }
    return this.parseValue();
  }

  /** A quoted string, a number or a shape ID. */
  private parseValue(): string {
    const quote = this.peek();
    if (quote === '"' || quote === "'") {
      this.pos++;
      const end = this.text.indexOf(quote, this.pos);
      if (end === -1) throw this.error(`Expected ${quote} to close quoted string`);
      const value = this.text.slice(this.pos, end);
      this.pos = end + 1;
      return value;
    }
    const start = this.pos;
    while (
      isValueChar(this.peek()) ||
      (this.peek() === "$" && isIdentifierStart(this.peek(1)) && this.pos > start)
    ) {
      this.pos++;
    }
    if (this.pos === start) {
      const found = this.peek() === "" ? "[EOF]" : `'${this.peek()}'`;
      throw this.error(`Expected a selector value but found ${found}`);
    }
    return this.text.slice(start, this.pos);
  }

  private parseScopedAttribute(): SelectorExpression {
    this.ws();
    const path = this.peek() === ":" ? [] : this.parsePath();
    this.ws();
    this.expect(":");
    const assertions: ScopedAssertion[] = [];
    for (;;) {
      this.ws();
      const left = this.parseScopedValue();
      this.ws();
      const comparator = this.parseComparator();
      const right: ScopedValue[] = [];
      for (;;) {
        this.ws();
        right.push(this.parseScopedValue());
        this.ws();
        if (this.peek() !== ",") break;
        this.pos++;
      }
      const insensitive = this.parseInsensitive();
      assertions.push({ left, comparator, right, insensitive });
      if (this.text.startsWith("&&", this.pos)) {
        this.pos += 2;
        continue;
      }
      this.expect("]");
      return { kind: "scoped", path, assertions };
    }
  }

  private parseScopedValue(): ScopedValue {
    if (this.peek() === "@") {
      this.pos++;
      this.expect("{");
      this.ws();
      const path = this.parsePath();
      this.ws();
      this.expect("}");
      return { kind: "context", path };
    }
    return { kind: "literal", text: this.parseValue() };
  }
}
