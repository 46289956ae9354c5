// Token kinds of the Smithy IDL and how they are named in error messages.
// The names and the `KIND('lexeme')` form follow the reference implementation so that
// syntax errors read the same way (the conformance corpus compares message text).

export type TokenKind =
  | "SPACE"
  | "NEWLINE"
  | "COMMA"
  | "COMMENT"
  | "DOC_COMMENT"
  | "AT"
  | "DOLLAR"
  | "DOT"
  | "POUND"
  | "LBRACE"
  | "RBRACE"
  | "LBRACKET"
  | "RBRACKET"
  | "LPAREN"
  | "RPAREN"
  | "COLON"
  | "WALRUS"
  | "EQUAL"
  | "IDENTIFIER"
  | "STRING"
  | "TEXT_BLOCK"
  | "NUMBER"
  | "ERROR"
  | "EOF";

/** The fixed text of punctuation tokens, used when naming an expected token. */
const EXPECTED_FORM: Partial<Record<TokenKind, string>> = {
  SPACE: " ",
  NEWLINE: "\n",
  COMMA: ",",
  AT: "@",
  DOLLAR: "$",
  DOT: ".",
  POUND: "#",
  LBRACE: "{",
  RBRACE: "}",
  LBRACKET: "[",
  RBRACKET: "]",
  LPAREN: "(",
  RPAREN: ")",
  COLON: ":",
  WALRUS: ":=",
  EQUAL: "=",
  STRING: '"',
  TEXT_BLOCK: '"""',
};

function quoteLexeme(text: string): string {
  return `'${text.replace(/\r/g, "\\r").replace(/\n/g, "\\n")}'`;
}

/** How a token kind is named when it was expected: `LBRACE('{')`, `IDENTIFIER`. */
export function describeExpected(kind: TokenKind): string {
  const form = EXPECTED_FORM[kind];
  return form === undefined ? kind : `${kind}(${quoteLexeme(form)})`;
}

/** How a token is named when it was found: `IDENTIFIER('for')`, `EOF`. */
export function describeFound(kind: TokenKind, lexeme: string): string {
  return kind === "EOF" ? "EOF" : `${kind}(${quoteLexeme(lexeme)})`;
}

/** Tokens the grammar treats as whitespace (WS production). */
export function isWhitespaceKind(kind: TokenKind): boolean {
  return (
    kind === "SPACE" || kind === "NEWLINE" || kind === "COMMA" || kind === "COMMENT" || kind === "DOC_COMMENT"
  );
}
