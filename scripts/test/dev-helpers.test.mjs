// The small pure parts of `npm run dev`: its command line and how it trims tool output.
import { describe, expect, it } from "vitest";
import { smithyDiagnostics, turboFailureLines } from "../lib/dev/diagnostics.mjs";
import { DevUsageError, parseDevArgs } from "../lib/dev/options.mjs";

describe("parseDevArgs", () => {
  const where = { cwd: "/repo", defaultModelDir: "/repo/model" };
  it.each([
    { argv: [], modelDir: "/repo/model", server: true, serverArgs: [] },
    {
      argv: ["--port", "8080", "--auth", "none"],
      modelDir: "/repo/model",
      server: true,
      serverArgs: ["--port", "8080", "--auth", "none"],
    },
    { argv: ["--no-server", "--model-dir", "tmp/m"], modelDir: "/repo/tmp/m", server: false, serverArgs: [] },
    {
      argv: ["--model-dir=/abs", "--port", "1"],
      modelDir: "/abs",
      server: true,
      serverArgs: ["--port", "1"],
    },
    // After `--` everything is the server's, even options dev.mjs knows.
    {
      argv: ["--", "--help", "--no-server"],
      modelDir: "/repo/model",
      server: true,
      serverArgs: ["--help", "--no-server"],
    },
  ])("$argv", ({ argv, modelDir, server, serverArgs }) => {
    expect(parseDevArgs(argv, where)).toEqual({ help: false, modelDir, server, serverArgs });
  });

  it("--help is dev's own before `--`", () => {
    expect(parseDevArgs(["--help"], where).help).toBe(true);
  });

  it("rejects --model-dir without a folder", () => {
    expect(() => parseDevArgs(["--model-dir"], where)).toThrow(DevUsageError);
  });
});

describe("turboFailureLines", () => {
  const packageDir = (/** @type {string} */ name) =>
    name === "@seqstore/reference-server" ? "apps/reference-server" : undefined;

  it("keeps compiler errors, located from the repository root, and drops turbo's and npm's framing", () => {
    const output = [
      "@seqstore/reference-server:build: cache miss, executing 1a2b",
      "@seqstore/reference-server:build: > tsc -p tsconfig.build.json",
      "@seqstore/reference-server:build: src/caller.ts(35,7): error TS2322: Type 'string' is not assignable to type 'number'.",
      "@seqstore/reference-server:build: npm error Lifecycle script `build` failed with error:",
      " Tasks:    9 successful, 10 total",
      "Cached:    9 cached, 10 total",
      "  Time:    5.965s ",
      "Failed:    @seqstore/reference-server#build",
      " ERROR  run failed: command  exited (2)",
    ];
    expect(turboFailureLines(output, packageDir)).toEqual([
      "@seqstore/reference-server: cache miss, executing 1a2b",
      "apps/reference-server/src/caller.ts:35:7: error TS2322: Type 'string' is not assignable to type 'number'.",
    ]);
  });

  it("shows the root generate task's lines without its `//:generate:all:` prefix or npm's framing", () => {
    const output = [
      "//:generate:all: cache miss, executing 3c4d",
      "//:generate:all: > generate:all",
      "//:generate:all: > node scripts/generate.mjs",
      "//:generate:all: ",
      "//:generate:all: model/smithy/store.smithy:3:5: ERROR Unknown shape `Nope` (Target)",
      "//:generate:all: generate failed: something broke",
      " ERROR  run failed: command  exited (1)",
    ];
    expect(turboFailureLines(output, packageDir)).toEqual([
      "cache miss, executing 3c4d",
      "model/smithy/store.smithy:3:5: ERROR Unknown shape `Nope` (Target)",
      "generate failed: something broke",
    ]);
  });

  it("shows everything when nothing is recognised", () => {
    expect(turboFailureLines(["npm error x"], packageDir)).toEqual(["npm error x"]);
  });
});

describe("smithyDiagnostics", () => {
  it("after a syntax error shows only the syntax errors", () => {
    const output = [
      "model/smithy/errors.smithy:9:23: ERROR Syntax error at line 9, column 23: Expected IDENTIFIER (Model)",
      "model/smithy/service.smithy:3:1: ERROR Error targets an unresolved shape `a#B` (Target)",
      "model/smithy/service.smithy:4:1: ERROR Error targets an unresolved shape `a#C` (Target)",
      "Validation failed: 3 error(s)",
    ];
    expect(smithyDiagnostics(output)).toEqual([
      output[0],
      "(2 more error(s) follow from the syntax error and are not shown)",
    ]);
  });

  it("shows other diagnostics as they are, up to the limit", () => {
    const output = [
      "a.smithy:1:1: WARNING w (X)",
      "a.smithy:2:1: ERROR e (Y)",
      "Validation failed: 1 error(s)",
    ];
    expect(smithyDiagnostics(output)).toEqual(output);
    expect(smithyDiagnostics(output, 2)).toEqual([
      output[0],
      output[1],
      "(1 more line(s); `npx smithy validate --config model/smithy-build.json` shows all)",
    ]);
  });
});
