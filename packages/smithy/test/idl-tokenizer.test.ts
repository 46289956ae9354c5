// The IDL tokenizer: token kinds, exact positions, string escapes and text blocks.
import { describe, expect, it } from "vitest";
import { IdlSyntaxError } from "../src/idl/syntax-error.js";
import { Tokenizer } from "../src/idl/tokenizer.js";

function tokens(text: string): [string, string, number, number][] {
  const tokenizer = new Tokenizer(text, "t.smithy");
  const result: [string, string, number, number][] = [];
  for (;;) {
    result.push([tokenizer.kind(), tokenizer.lexeme, tokenizer.line, tokenizer.column]);
    if (tokenizer.kind() === "EOF") return result;
    tokenizer.next();
  }
}

function stringValue(text: string): string {
  return new Tokenizer(text, "t.smithy").stringValue;
}

function syntaxError(text: string): string {
  try {
    tokens(text);
  } catch (error) {
    if (error instanceof IdlSyntaxError) return error.message;
    throw error;
  }
  return "no error";
}

describe("Tokenizer", () => {
  it("names tokens with their lines and columns", () => {
    expect(tokens('$version: "2"\nnamespace a.b')).toEqual([
      ["DOLLAR", "$", 1, 1],
      ["IDENTIFIER", "version", 1, 2],
      ["COLON", ":", 1, 9],
      ["SPACE", " ", 1, 10],
      ["STRING", '"2"', 1, 11],
      ["NEWLINE", "\n", 1, 14],
      ["IDENTIFIER", "namespace", 2, 1],
      ["SPACE", " ", 2, 10],
      ["IDENTIFIER", "a", 2, 11],
      ["DOT", ".", 2, 12],
      ["IDENTIFIER", "b", 2, 13],
      ["EOF", "", 2, 14],
    ]);
  });

  it.each([
    [":=", "WALRUS"],
    ["// hi\n", "COMMENT"],
    ["/// doc\n", "DOC_COMMENT"],
    ["//// not doc\n", "COMMENT"],
    ["-1.5e+3", "NUMBER"],
    ['"""\n  x"""', "TEXT_BLOCK"],
    ["_a1", "IDENTIFIER"],
    ["!", "ERROR"],
    ["\r\n", "NEWLINE"],
  ])("reads %j as %s", (text, kind) => {
    expect(tokens(text)[0]?.[0]).toBe(kind);
  });

  it("counts a CRLF as one line break", () => {
    expect(tokens("a\r\nb").map(([kind, , line, column]) => [kind, line, column])).toEqual([
      ["IDENTIFIER", 1, 1],
      ["NEWLINE", 1, 2],
      ["IDENTIFIER", 2, 1],
      ["EOF", 2, 2],
    ]);
  });

  it.each([
    ['"a\\nb"', "a\nb"],
    ['"tab\\there"', "tab\there"],
    ['"quote \\" slash \\/ back \\\\"', 'quote " slash / back \\'],
    ['"\\u00e9\\u0041"', "éA"],
    ['"line \\\ncontinued"', "line continued"],
    ['"multi\r\nline"', "multi\nline"],
  ])("decodes the string %j", (text, value) => {
    expect(stringValue(text)).toBe(value);
  });

  it.each([
    ['"""\n    Hello\n    """', "Hello\n"],
    ['"""\n    Hello"""', "Hello"],
    ['"""\n    a\n\n      b\n    """', "a\n\n  b\n"],
    ['"""\n    trailing   \n    """', "trailing\n"],
    ['"""\n    Hi \\\n    there"""', "Hi there"],
    ['"""\n  "quoted\\""""', '"quoted"'],
  ])("decodes the text block %j", (text, value) => {
    expect(stringValue(text)).toBe(value);
  });

  it.each([
    ['"abc', "Syntax error at line 1, column 5: Expected: '\"', but found '[EOF]'"],
    [
      '  "\\q"',
      "Syntax error at line 1, column 3: Error parsing quoted string: Invalid escape found in string: `\\q`",
    ],
    [
      '"\\u12"',
      "Syntax error at line 1, column 1: Error parsing quoted string: Invalid unclosed unicode escape found in string",
    ],
    [
      '"\\u12zz"',
      "Syntax error at line 1, column 1: Error parsing quoted string: Invalid unicode escape character: `z`",
    ],
    [
      '"""x"""',
      "Syntax error at line 1, column 1: Error parsing text block: Text block must start with a new line",
    ],
    ['""""""', "Syntax error at line 1, column 1: Error parsing text block: Text block is empty"],
    ["1.", "Syntax error at line 1, column 1: Invalid number '1.': '.' must be followed by a digit"],
    ["x -", "Syntax error at line 1, column 3: Invalid number '-': '-' must be followed by a digit"],
    ["_ ", "Syntax error at line 1, column 2: Expected a valid identifier character, but found ' '"],
  ])("rejects %j", (text, message) => {
    expect(syntaxError(text)).toBe(message);
  });
});
