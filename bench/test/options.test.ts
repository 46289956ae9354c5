import { describe, expect, it } from "vitest";
import { parseBenchArgs, UsageError } from "../src/options.js";

const figures = [
  { number: 1, id: "express-stub" },
  { number: 5, id: "bundle-size" },
  { number: 8, id: "model-load" },
];

describe("parseBenchArgs", () => {
  it.each([
    { argv: [], expected: { quick: false, only: [], rounds: 3, durationSeconds: 5 } },
    { argv: ["--quick"], expected: { quick: true, only: [], rounds: 1, durationSeconds: 1 } },
    {
      argv: ["--quick", "--rounds", "2"],
      expected: { quick: true, only: [], rounds: 2, durationSeconds: 1 },
    },
    {
      argv: ["--only", "8,express-stub"],
      expected: { quick: false, only: [1, 8], rounds: 3, durationSeconds: 5 },
    },
    { argv: ["--duration", "10"], expected: { quick: false, only: [], rounds: 3, durationSeconds: 10 } },
  ])("$argv", ({ argv, expected }) => {
    const parsed = parseBenchArgs(argv, figures, "/tmp");
    expect(parsed).toMatchObject({ kind: "run", options: expected });
  });

  it("puts results where --out says, relative to the working directory", () => {
    expect(parseBenchArgs(["--out", "here"], figures, "/tmp")).toMatchObject({
      options: { outDir: "/tmp/here" },
    });
  });

  it.each([
    { argv: ["--only", "4"], message: 'no figure "4"' },
    { argv: ["--only", ","], message: "at least one figure" },
    { argv: ["--rounds", "0"], message: "--rounds takes a whole number" },
    { argv: ["--duration", "fast"], message: "--duration takes a whole number" },
    { argv: ["--fast"], message: "Unknown option '--fast'" },
  ])("refuses $argv", ({ argv, message }) => {
    expect(() => parseBenchArgs(argv, figures)).toThrow(UsageError);
    expect(() => parseBenchArgs(argv, figures)).toThrow(message);
  });

  it("answers --help", () => {
    expect(parseBenchArgs(["--help"], figures)).toEqual({ kind: "help" });
  });
});
