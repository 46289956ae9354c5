import { describe, expect, it } from "vitest";
import { plainDocText, renderDocComment } from "../src/codegen/docs.js";

describe("plainDocText", () => {
  it.each([
    { html: "Plain text stays.", text: "Plain text stays." },
    { html: "<p>One.</p> <p>Two &amp; three.</p>", text: "One.\n\nTwo & three." },
    {
      html: "<p>Pick:</p> <ul> <li> <p>a</p> </li> <li>b</li> </ul> <p>Done.</p>",
      text: "Pick:\n\n- a\n- b\n\nDone.",
    },
    { html: "Use <code>name</code>   here.<br/>Next", text: "Use name here.\nNext" },
    { html: "&lt;tag&gt; &quot;q&quot; it&#39;s&nbsp;x &unknown;", text: '<tag> "q" it\'s x &unknown;' },
    { html: "a\n\n\n\nb", text: "a\n\nb" },
  ])("$html", ({ html, text }) => {
    expect(plainDocText(html)).toBe(text);
  });
});

describe("renderDocComment", () => {
  it.each([
    { paragraphs: [], indent: "", expected: "" },
    { paragraphs: ["", undefined, "  "], indent: "", expected: "" },
    { paragraphs: ["Short."], indent: "  ", expected: "  /** Short. */\n" },
    { paragraphs: ["A.", undefined, "B."], indent: "", expected: "/**\n * A.\n *\n * B.\n */\n" },
    { paragraphs: ["A.\nB."], indent: "", expected: "/**\n * A.\n * B.\n */\n" },
    { paragraphs: ["Ends */ early"], indent: "", expected: "/** Ends *\\/ early */\n" },
    {
      paragraphs: [`${"x".repeat(60)} ${"y".repeat(60)}`],
      indent: "",
      expected: `/**\n * ${"x".repeat(60)}\n * ${"y".repeat(60)}\n */\n`,
    },
    // 103 characters fit on one line at the margin, 104 do not.
    { paragraphs: ["z".repeat(103)], indent: "", expected: `/** ${"z".repeat(103)} */\n` },
    { paragraphs: ["z".repeat(104)], indent: "", expected: `/**\n * ${"z".repeat(104)}\n */\n` },
  ])("$paragraphs", ({ paragraphs, indent, expected }) => {
    expect(renderDocComment(paragraphs, indent)).toBe(expected);
  });

  it("wraps every line within 110 columns, indent included", () => {
    const words = Array.from({ length: 80 }, (_, i) => `word${i}`).join(" ");
    const comment = renderDocComment([words], "    ");
    for (const line of comment.trimEnd().split("\n")) expect(line.length).toBeLessThanOrEqual(110);
    const text = comment
      .split("\n")
      .map((line) => line.replace(/^ *(\/\*\*|\*\/|\*) ?/, ""))
      .filter((line) => line !== "")
      .join(" ");
    expect(text).toBe(words);
  });
});
