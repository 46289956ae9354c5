import { describe, expect, it } from "vitest";
import { jsDoc, plainDocText } from "../codegen/docs.js";

describe("plainDocText", () => {
  it.each([
    { html: "<p>One.</p> <p>Two &amp; three.</p>", text: "One.\n\nTwo & three." },
    {
      html: "<p>Pick:</p> <ul> <li> <p>a</p> </li> <li>b</li> </ul> <p>Done.</p>",
      text: "Pick:\n\n- a\n- b\n\nDone.",
    },
    { html: "Use <code>name</code>   here.<br/>Next", text: "Use name here.\nNext" },
  ])("$html", ({ html, text }) => {
    expect(plainDocText(html)).toBe(text);
  });
});

describe("jsDoc", () => {
  it.each([
    { lines: [], indent: "", expected: "" },
    { lines: ["Short."], indent: "  ", expected: "  /** Short. */\n" },
    { lines: ["A.", "", "B."], indent: "", expected: "/**\n * A.\n *\n * B.\n */\n" },
    {
      lines: ["x".repeat(60) + " " + "y".repeat(60)],
      indent: "",
      expected: `/**\n * ${"x".repeat(60)}\n * ${"y".repeat(60)}\n */\n`,
    },
  ])("$lines", ({ lines, indent, expected }) => {
    expect(jsDoc(lines, indent)).toBe(expected);
  });
});
