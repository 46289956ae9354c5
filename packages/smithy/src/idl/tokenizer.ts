// A lazy tokenizer for the Smithy IDL with exact 1-based line/column positions.
// It scans one token per `next()` call so that a lexical error is reported only when the
// parser reaches it, exactly where the reference implementation reports it.

import type { ValidationEvent } from "../events.js";
import { normalizeNewlines, StringFormatError, textBlockValue, unescapeString } from "./strings.js";
import { IdlSyntaxError } from "./syntax-error.js";
import { describeExpected, describeFound, isWhitespaceKind, type TokenKind } from "./tokens.js";

function isAlpha(ch: string): boolean {
  return (ch >= "a" && ch <= "z") || (ch >= "A" && ch <= "Z");
}

function isDigit(ch: string): boolean {
  return ch >= "0" && ch <= "9";
}

function isIdentifierChar(ch: string): boolean {
  return isAlpha(ch) || isDigit(ch) || ch === "_";
}

const PUNCTUATION: Record<string, TokenKind> = {
  "@": "AT",
  $: "DOLLAR",
  ".": "DOT",
  "#": "POUND",
  "{": "LBRACE",
  "}": "RBRACE",
  "[": "LBRACKET",
  "]": "RBRACKET",
  "(": "LPAREN",
  ")": "RPAREN",
  "=": "EQUAL",
  ",": "COMMA",
};

export class Tokenizer {
  /** The current token. */
  private current: TokenKind = "EOF";

  kind(): TokenKind {
    return this.current;
  }
  start = 0;
  end = 0;
  line = 1;
  column = 1;
  /** Decoded value of STRING / TEXT_BLOCK tokens and the message of ERROR tokens. */
  stringValue = "";
  /** Documentation comment lines seen since the last significant token. */
  private docLines: string[] = [];
  /**
   * Documentation lines not yet attached to a shape or member, kept across other tokens (as
   * Smithy does) so that misplaced ones can be reported as BadDocumentationComment warnings.
   */
  private pendingDocs: string[] = [];
  /** Warnings found while tokenizing (misplaced documentation comments). */
  readonly warnings: ValidationEvent[] = [];

  private pos = 0;
  private posLine = 1;
  private posColumn = 1;

  constructor(
    readonly text: string,
    readonly filename: string,
  ) {
    // A byte order mark is not part of the model.
    if (text.charCodeAt(0) === 0xfeff) {
      this.pos = 1;
    }
    this.scan();
  }

  get lexeme(): string {
    return this.text.slice(this.start, this.end);
  }

  /** Moves to the next token. */
  next(): void {
    if (this.current === "DOC_COMMENT") {
      const text = docCommentText(this.lexeme);
      this.docLines.push(text);
      this.pendingDocs.push(text);
    } else if (!isWhitespaceKind(this.current)) {
      this.docLines = [];
    }
    if (this.current !== "EOF") this.scan();
  }

  /** Takes the documentation lines collected since the last significant token. */
  takeDocumentation(): string | undefined {
    const lines = this.docLines;
    this.docLines = [];
    if (lines.length > 0) this.pendingDocs = [];
    return lines.length === 0 ? undefined : lines.join("\n");
  }

  /** Reports documentation comments that were not attached to anything, and forgets them. */
  flushBadDocumentation(): void {
    if (this.pendingDocs.length === 0) return;
    this.warnings.push({
      id: "Model.BadDocumentationComment",
      severity: "WARNING",
      message: `Found documentation comments ('///') attached to nothing. Documentation comments must appear on their own lines, directly before shapes and members, and before any traits. The invalid comments were: ${this.pendingDocs.join("\n")}`,
      sourceLocation: { filename: this.filename, line: this.line, column: this.column },
    });
    this.pendingDocs = [];
  }

  syntaxError(detail: string, line = this.line, column = this.column): IdlSyntaxError {
    return new IdlSyntaxError(this.filename, line, column, detail);
  }

  /** Describes the current token as "found" in an error message. */
  foundDescription(): string {
    return describeFound(this.current, this.lexeme);
  }

  /** Throws unless the current token is one of `kinds`; returns the current kind. */
  expect(...kinds: TokenKind[]): TokenKind {
    if (kinds.includes(this.current)) return this.current;
    if (this.current === "ERROR") throw this.syntaxError(this.stringValue);
    const wanted =
      kinds.length === 1
        ? `Expected ${describeExpected(kinds[0] as TokenKind)}`
        : `Expected one of ${kinds.map(describeExpected).join(", ")};`;
    throw this.syntaxError(`${wanted} but found ${this.foundDescription()}`);
  }

  /** Skips SPACE tokens. */
  skipSpaces(): void {
    while (this.current === "SPACE") this.next();
  }

  /** Skips whitespace, commas and comments (the WS production). */
  skipWs(): void {
    while (isWhitespaceKind(this.current)) this.next();
  }

  expectAndSkipSpaces(): void {
    this.expect("SPACE");
    this.skipSpaces();
  }

  expectAndSkipWhitespace(): void {
    if (!isWhitespaceKind(this.current)) {
      throw this.syntaxError(
        `Expected one or more whitespace characters, but found ${this.foundDescription()}`,
      );
    }
    this.skipWs();
  }

  /** The BR production: optional spaces, then a line break or comment (or the end of the file). */
  expectAndSkipBr(): void {
    this.skipSpaces();
    if (this.current === "COMMA") {
      this.next();
      this.skipSpaces();
    }
    this.flushBadDocumentation();
    if (this.current === "NEWLINE" || this.current === "COMMENT" || this.current === "DOC_COMMENT") {
      this.skipWs();
      return;
    }
    if (this.current === "EOF") return;
    throw this.syntaxError(`Expected a line break, but found ${this.foundDescription()}`);
  }

  private peekChar(offset = 0): string {
    return this.text[this.pos + offset] ?? "";
  }

  private advance(count = 1): void {
    for (let i = 0; i < count; i++) {
      const ch = this.text[this.pos];
      if (ch === undefined) return;
      this.pos++;
      if (ch === "\n" || (ch === "\r" && this.text[this.pos] !== "\n")) {
        this.posLine++;
        this.posColumn = 1;
      } else {
        this.posColumn++;
      }
    }
  }

  private scan(): void {
    this.start = this.pos;
    this.line = this.posLine;
    this.column = this.posColumn;
    this.stringValue = "";
    const ch = this.peekChar();
    if (ch === "") {
      this.current = "EOF";
    } else if (ch === " " || ch === "\t") {
      while (this.peekChar() === " " || this.peekChar() === "\t") this.advance();
      this.current = "SPACE";
    } else if (ch === "\n") {
      this.advance();
      this.current = "NEWLINE";
    } else if (ch === "\r") {
      this.advance(this.peekChar(1) === "\n" ? 2 : 1);
      this.current = "NEWLINE";
    } else if (ch === "/") {
      this.scanComment();
    } else if (ch === ":") {
      const walrus = this.peekChar(1) === "=";
      this.advance(walrus ? 2 : 1);
      this.current = walrus ? "WALRUS" : "COLON";
    } else if (ch === '"') {
      if (this.peekChar(1) === '"' && this.peekChar(2) === '"') this.scanTextBlock();
      else this.scanString();
    } else if (ch === "-" || isDigit(ch)) {
      this.scanNumber();
    } else if (isAlpha(ch) || ch === "_") {
      this.scanIdentifier();
    } else {
      const punctuation = PUNCTUATION[ch];
      this.advance();
      if (punctuation) {
        this.current = punctuation;
      } else {
        this.current = "ERROR";
        this.stringValue = `Unexpected character: '${ch}'`;
      }
    }
    this.end = this.pos;
  }

  private scanComment(): void {
    if (this.peekChar(1) !== "/") {
      this.advance();
      this.current = "ERROR";
      this.stringValue = "Unexpected character: '/'";
      return;
    }
    // A `///` comment documents what follows only when it starts its line; after other
    // tokens on the same line it is an ordinary comment.
    const isDoc = this.peekChar(2) === "/" && this.peekChar(3) !== "/" && this.startsLine(this.pos);
    while (this.pos < this.text.length) {
      const c = this.peekChar();
      if (c === "\n") {
        this.advance();
        break;
      }
      if (c === "\r") {
        this.advance(this.peekChar(1) === "\n" ? 2 : 1);
        break;
      }
      this.advance();
    }
    this.current = isDoc ? "DOC_COMMENT" : "COMMENT";
  }

  private startsLine(offset: number): boolean {
    for (let i = offset - 1; i >= 0; i--) {
      const c = this.text[i];
      if (c === "\n" || c === "\r") return true;
      if (c !== " " && c !== "\t" && c !== "\ufeff") return false;
    }
    return true;
  }

  private scanIdentifier(): void {
    if (this.peekChar() === "_") {
      while (this.peekChar() === "_") this.advance();
      const c = this.peekChar();
      if (!(isAlpha(c) || isDigit(c))) {
        throw this.syntaxError(
          `Expected a valid identifier character, but found '${c === "" ? "[EOF]" : c}'`,
          this.posLine,
          this.posColumn,
        );
      }
    }
    while (isIdentifierChar(this.peekChar())) this.advance();
    this.current = "IDENTIFIER";
  }

  private scanNumber(): void {
    const startLine = this.line;
    const startColumn = this.column;
    const invalid = (why: string): IdlSyntaxError =>
      this.syntaxError(
        `Invalid number '${this.text.slice(this.start, this.pos)}': ${why}`,
        startLine,
        startColumn,
      );
    if (this.peekChar() === "-") {
      this.advance();
      if (!isDigit(this.peekChar())) throw invalid("'-' must be followed by a digit");
    }
    if (this.peekChar() === "0") {
      this.advance();
    } else {
      while (isDigit(this.peekChar())) this.advance();
    }
    if (this.peekChar() === ".") {
      this.advance();
      if (!isDigit(this.peekChar())) throw invalid("'.' must be followed by a digit");
      while (isDigit(this.peekChar())) this.advance();
    }
    if (this.peekChar() === "e" || this.peekChar() === "E") {
      this.advance();
      if (this.peekChar() === "+" || this.peekChar() === "-") this.advance();
      if (!isDigit(this.peekChar())) throw invalid("'e', '+', and '-' must be followed by a digit");
      while (isDigit(this.peekChar())) this.advance();
    }
    this.current = "NUMBER";
  }

  private unclosed(): IdlSyntaxError {
    return this.syntaxError("Expected: '\"', but found '[EOF]'", this.posLine, this.posColumn);
  }

  private scanString(): void {
    const startLine = this.line;
    const startColumn = this.column;
    this.advance();
    const bodyStart = this.pos;
    for (;;) {
      const c = this.peekChar();
      if (c === "") throw this.unclosed();
      if (c === '"') break;
      this.advance(c === "\\" && this.peekChar(1) !== "" ? 2 : 1);
    }
    const body = this.text.slice(bodyStart, this.pos);
    this.advance();
    this.current = "STRING";
    try {
      this.stringValue = unescapeString(normalizeNewlines(body));
    } catch (error) {
      if (!(error instanceof StringFormatError)) throw error;
      throw this.syntaxError(`Error parsing quoted string: ${error.message}`, startLine, startColumn);
    }
  }

  private scanTextBlock(): void {
    const startLine = this.line;
    const startColumn = this.column;
    this.advance(3);
    const bodyStart = this.pos;
    for (;;) {
      const c = this.peekChar();
      if (c === "") throw this.unclosed();
      if (c === '"' && this.peekChar(1) === '"' && this.peekChar(2) === '"') break;
      this.advance(c === "\\" && this.peekChar(1) !== "" ? 2 : 1);
    }
    const body = this.text.slice(bodyStart, this.pos);
    this.advance(3);
    this.current = "TEXT_BLOCK";
    try {
      this.stringValue = textBlockValue(body);
    } catch (error) {
      if (!(error instanceof StringFormatError)) throw error;
      throw this.syntaxError(`Error parsing text block: ${error.message}`, startLine, startColumn);
    }
  }
}

/** `/// text` → `text`: the marker and one following space are not part of the documentation. */
function docCommentText(lexeme: string): string {
  let text = lexeme.slice(3).replace(/\r?\n$|\r$/, "");
  if (text.startsWith(" ")) text = text.slice(1);
  return text;
}
