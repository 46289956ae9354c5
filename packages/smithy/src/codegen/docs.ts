// Doc comments for generated TypeScript from Smithy @documentation (CommonMark that may embed HTML,
// as AWS's models do), shared by the types, client and server generators.

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', "#39": "'", nbsp: " " };

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
    .replace(/&(lt|gt|amp|quot|#39|nbsp);/g, (entity, name: string) => ENTITIES[name] ?? entity)
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const MAX_WIDTH = 110;

/** Splits a long line at whitespace so no piece is wider than `width` (unless one word is). */
function wrap(line: string, width: number): string[] {
  const pieces: string[] = [];
  let current = "";
  for (const word of line.split(/\s+/)) {
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
 * A JSDoc block of `paragraphs` (plain text; blank and undefined ones are skipped) indented by
 * `indent` and wrapped at 110 columns, or "" when there is nothing to say. `*\/` is escaped so
 * documentation can never end the comment early.
 */
export function renderDocComment(paragraphs: readonly (string | undefined)[], indent = ""): string {
  const text = paragraphs
    .filter((p): p is string => p !== undefined && p.trim() !== "")
    .join("\n\n")
    .replaceAll("*/", "*\\/");
  if (text === "") return "";
  const body = text.split("\n").flatMap((line) => wrap(line, MAX_WIDTH - indent.length - 3));
  if (body.length === 1 && `${indent}/** ${body[0]} */`.length <= MAX_WIDTH)
    return `${indent}/** ${body[0]} */\n`;
  const lines = body.map((line) => (line === "" ? `${indent} *` : `${indent} * ${line}`));
  return `${indent}/**\n${lines.join("\n")}\n${indent} */\n`;
}
