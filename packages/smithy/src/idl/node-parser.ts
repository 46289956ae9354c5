// Node values of the IDL: strings, text blocks, numbers, keywords, shape IDs, arrays, objects.

import type { SourceLocation } from "../events.js";
import { type DraftNode, type DraftObject, type FileContext, ShapeIdNode } from "../loader/draft.js";
import { IdlSyntaxError } from "./syntax-error.js";
import type { Tokenizer } from "./tokenizer.js";
import type { TokenKind } from "./tokens.js";

export const NODE_START: TokenKind[] = ["STRING", "TEXT_BLOCK", "NUMBER", "IDENTIFIER", "LBRACE", "LBRACKET"];

export function locationOf(tokens: Tokenizer): SourceLocation {
  return { filename: tokens.filename, line: tokens.line, column: tokens.column };
}

/**
 * Reads a shape ID made of adjacent tokens: `name`, `ns.name#Shape`, `Shape$member`.
 * Returns the text; the tokenizer is left on the token after it.
 */
export function parseShapeIdText(tokens: Tokenizer, allowMember: boolean): string {
  tokens.expect("IDENTIFIER");
  let text = tokens.lexeme;
  tokens.next();
  while (tokens.kind() === "DOT") {
    tokens.next();
    tokens.expect("IDENTIFIER");
    text += `.${tokens.lexeme}`;
    tokens.next();
  }
  if (tokens.kind() === "POUND") {
    tokens.next();
    tokens.expect("IDENTIFIER");
    text += `#${tokens.lexeme}`;
    tokens.next();
  }
  if (allowMember && tokens.kind() === "DOLLAR") {
    tokens.next();
    tokens.expect("IDENTIFIER");
    text += `$${tokens.lexeme}`;
    tokens.next();
  }
  return text;
}

export class NodeParser {
  constructor(
    private readonly tokens: Tokenizer,
    private readonly context: () => FileContext,
  ) {}

  /** Parses a node value starting at the current token, naming `expected` if none starts here. */
  parseNode(expected: TokenKind[] = NODE_START): DraftNode {
    const tokens = this.tokens;
    switch (tokens.kind()) {
      case "STRING":
      case "TEXT_BLOCK": {
        const value = tokens.stringValue;
        tokens.next();
        return value;
      }
      case "NUMBER": {
        const value = Number(tokens.lexeme);
        tokens.next();
        return value;
      }
      case "IDENTIFIER":
        return this.parseIdentifierNode();
      case "LBRACE":
        return this.parseObject();
      case "LBRACKET":
        return this.parseArray();
      default:
        tokens.expect(...expected);
        // expect() throws for every kind not listed above.
        return null;
    }
  }

  private parseIdentifierNode(): DraftNode {
    const location = locationOf(this.tokens);
    const text = parseShapeIdText(this.tokens, true);
    if (text === "true") return true;
    if (text === "false") return false;
    if (text === "null") return null;
    return new ShapeIdNode({ name: text, location, context: this.context() });
  }

  private parseArray(): DraftNode[] {
    const tokens = this.tokens;
    const values: DraftNode[] = [];
    tokens.next();
    tokens.skipWs();
    while (tokens.kind() !== "RBRACKET") {
      values.push(this.parseNode());
      tokens.skipWs();
    }
    tokens.next();
    return values;
  }

  private parseObject(): DraftObject {
    const tokens = this.tokens;
    const result: DraftObject = {};
    tokens.next();
    tokens.skipWs();
    for (;;) {
      const kind = tokens.expect("RBRACE", "STRING", "IDENTIFIER");
      if (kind === "RBRACE") break;
      const key = kind === "STRING" ? tokens.stringValue : tokens.lexeme;
      if (Object.hasOwn(result, key)) {
        throw new IdlSyntaxError(
          tokens.filename,
          tokens.line,
          tokens.column,
          `Duplicate member: '${key}'`,
          true,
        );
      }
      tokens.next();
      tokens.skipWs();
      tokens.expect("COLON");
      tokens.next();
      tokens.skipWs();
      result[key] = this.parseNode();
      tokens.skipWs();
    }
    tokens.next();
    return result;
  }
}
