// Turns Smithy @documentation (CommonMark with embedded HTML) into JSDoc comments.
// Same helper as packages/types/codegen (the generators share no package yet).

const ENTITIES: Record<string, string> = {
  "&lt;": "<",
  "&gt;": ">",
  "&amp;": "&",
  "&quot;": '"',
  "&#39;": "'",
};

/** Plain text from a documentation string: paragraphs and list items kept as lines, other HTML removed. */
export function plainDocText(doc: string): string {
  return doc
    .replace(/<\/p>\s*<\/li>/gi, "")
    .replace(/<\/p>\s*/gi, "\n\n")
    .replace(/<li>\s*/gi, "\n- ")
    .replace(/<\/(ul|ol)>\s*/gi, "\n\n")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/[ \t]+/g, " ")
    .replace(/&(lt|gt|amp|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const MAX_WIDTH = 110;

/** Splits a long line at spaces so no piece is wider than `width` (unless one word is). */
function wrap(line: string, width: number): string[] {
  const pieces: string[] = [];
  let current = "";
  for (const word of line.split(" ")) {
    if (current !== "" && current.length + 1 + word.length > width) {
      pieces.push(current);
      current = word;
    } else {
      current = current === "" ? word : `${current} ${word}`;
    }
  }
  pieces.push(current);
  return pieces;
}

/**
 * A JSDoc block for `lines` (already plain text), indented by `indent`, or "" when there is nothing
 * to say. `*\/` is escaped so documentation can never end the comment early.
 */
export function jsDoc(lines: string[], indent = ""): string {
  const text = lines
    .filter((line) => line !== "")
    .join("\n\n")
    .replace(/\*\//g, "*\\/");
  if (text === "") return "";
  const body = text.split("\n").flatMap((line) => wrap(line, MAX_WIDTH - indent.length - 3));
  if (body.length === 1 && (body[0] ?? "").length + indent.length + 7 <= MAX_WIDTH)
    return `${indent}/** ${body[0]} */\n`;
  return `${indent}/**\n${body.map((line) => (line === "" ? `${indent} *` : `${indent} * ${line}`)).join("\n")}\n${indent} */\n`;
}
