// JSDoc comments from Smithy @documentation (CommonMark that may embed HTML, as AWS's does).

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', "#39": "'", nbsp: " " };

/** Plain text: tags dropped, entities decoded, blank-line runs collapsed. */
export function plainText(documentation: string): string {
  return documentation
    .replace(/<\/p>\s*<p>/g, "\n\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(lt|gt|amp|quot|#39|nbsp);/g, (_, entity: string) => ENTITIES[entity] ?? entity)
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function wrap(line: string, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of line.split(/\s+/)) {
    if (current !== "" && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else {
      current = current === "" ? word : `${current} ${word}`;
    }
  }
  lines.push(current);
  return lines;
}

const LINE_WIDTH = 110;

/**
 * A JSDoc block of `paragraphs` indented by `indent`, or "" when all are empty. "*\/" inside the
 * text is escaped so documentation cannot close the comment.
 */
export function jsDoc(paragraphs: (string | undefined)[], indent = ""): string {
  const text = paragraphs
    .filter((p): p is string => p !== undefined && p.trim() !== "")
    .join("\n\n")
    .replaceAll("*/", "*\\/");
  if (text === "") return "";
  const width = LINE_WIDTH - indent.length - 3;
  const lines = text.split("\n").flatMap((line) => (line === "" ? [""] : wrap(line, width)));
  if (lines.length === 1 && `${indent}/** ${lines[0]} */`.length <= LINE_WIDTH)
    return `${indent}/** ${lines[0]} */\n`;
  const body = lines.map((line) => (line === "" ? `${indent} *` : `${indent} * ${line}`)).join("\n");
  return `${indent}/**\n${body}\n${indent} */\n`;
}
