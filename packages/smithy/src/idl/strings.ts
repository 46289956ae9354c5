// Turning quoted strings and text blocks of the IDL into their values
// (https://smithy.io/2.0/spec/idl.html#strings): escapes, line continuations and,
// for text blocks, removal of incidental indentation.

/** Thrown with a message that the tokenizer prefixes with the kind of string. */
export class StringFormatError extends Error {}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

function isHexDigit(ch: string): boolean {
  return (ch >= "0" && ch <= "9") || (ch >= "a" && ch <= "f") || (ch >= "A" && ch <= "F");
}

/** Resolves escapes in the body of a quoted string or text block (newlines already normalized). */
export function unescapeString(body: string): string {
  if (!body.includes("\\")) return body;
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) throw new StringFormatError("Invalid escape found in string: `\\`");
    if (next === "\n") {
      // A backslash before a newline continues the line.
      i++;
      continue;
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
    if (next === "u") {
      if (i + 6 > body.length) throw new StringFormatError("Invalid unclosed unicode escape found in string");
      let code = 0;
      for (let j = i + 2; j < i + 6; j++) {
        const hex = body[j] as string;
        if (!isHexDigit(hex)) throw new StringFormatError(`Invalid unicode escape character: \`${hex}\``);
        code = code * 16 + Number.parseInt(hex, 16);
      }
      out += String.fromCharCode(code);
      i += 5;
      continue;
    }
    throw new StringFormatError(`Invalid escape found in string: \`\\${next}\``);
  }
  return out;
}

export function normalizeNewlines(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

/**
 * The value of a text block, given the raw text between the opening and closing `"""`.
 * The opening delimiter must be followed by a line break; the indentation shared by all
 * non-blank lines (and the closing line) is incidental and removed, as is trailing space.
 */
export function textBlockValue(rawBody: string): string {
  const body = normalizeNewlines(rawBody);
  if (body.length === 0) throw new StringFormatError("Text block is empty");
  if (!body.startsWith("\n")) throw new StringFormatError("Text block must start with a new line");
  const lines = body.slice(1).split("\n");
  const last = lines.length - 1;
  let indent = Number.POSITIVE_INFINITY;
  lines.forEach((line, index) => {
    const isBlank = line.trim().length === 0;
    // Blank lines do not count, except the line holding the closing delimiter.
    if (isBlank && index !== last) return;
    const leading = line.length - line.trimStart().length;
    indent = Math.min(indent, isBlank ? line.length : leading);
  });
  if (!Number.isFinite(indent)) indent = 0;
  const stripped = lines.map((line) => line.slice(Math.min(indent, line.length)).replace(/[ \t]+$/, ""));
  return unescapeString(stripped.join("\n"));
}
