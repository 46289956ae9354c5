// Loading model versions from disk and from git revisions, and the `smithy diff` command end to end,
// in a throw-away git repository with two commits of a small model.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DiffCommandIo,
  loadModelVersion,
  ModelVersionError,
  parseModelVersionSpec,
  runDiffCommand,
} from "../src/diff/index.js";

const header = `$version: "2"
namespace com.example

service Things {
    version: "2024-01-01"
    operations: [GetThing]
}

@readonly
@http(method: "GET", uri: "/things/{id}")
operation GetThing {
    input := {
        @required
        @httpLabel
        id: String
    }
`;
const V1 = `${header}    output := {
        name: String
        size: Integer
    }
}
`;
// v2 removes `size` (ERROR) and adds `color` (NOTE).
const V2 = `${header}    output := {
        name: String
        color: String
    }
}
`;

let repo: string;

function git(...args: string[]): void {
  execFileSync(
    "git",
    ["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args],
    {
      cwd: repo,
      stdio: "ignore",
    },
  );
}

function write(path: string, text: string): void {
  mkdirSync(join(repo, path, ".."), { recursive: true });
  writeFileSync(join(repo, path), text);
}

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "smithy-diff-"));
  git("init", "-q");
  write("model/smithy-build.json", JSON.stringify({ version: "1.0", sources: ["smithy"] }));
  write("model/smithy/things.smithy", V1);
  // Build output next to the config must never be read as model input.
  write("model/generated/broken.json", "{ not json");
  git("add", "-A");
  git("commit", "-q", "-m", "v1");
  write("model/smithy/things.smithy", V2);
  git("commit", "-q", "-am", "v2");
});

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
});

function capture(): DiffCommandIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    cwd: repo,
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
  };
  return io;
}

describe("loadModelVersion", () => {
  it("reads the config's sources at a git revision", () => {
    const version = loadModelVersion({ kind: "git", ref: "HEAD~1", paths: ["model"] }, repo);
    expect(version.events.filter((e) => e.severity === "ERROR")).toEqual([]);
    expect(version.files).toEqual(["HEAD~1:model/smithy/things.smithy"]);
    expect(Object.keys(version.model.shapes["com.example#GetThingOutput"]?.members ?? {})).toEqual([
      "name",
      "size",
    ]);
  });

  it("reads the config's sources on disk", () => {
    const version = loadModelVersion({ kind: "paths", paths: ["model"] }, repo);
    expect(version.ok).toBe(true);
    expect(version.files).toEqual([join(repo, "model/smithy")]);
    expect(Object.keys(version.model.shapes["com.example#GetThingOutput"]?.members ?? {})).toEqual([
      "name",
      "color",
    ]);
  });

  it("fails clearly for a path missing at the revision", () => {
    expect(() => loadModelVersion({ kind: "git", ref: "HEAD~1", paths: ["nowhere"] }, repo)).toThrow(
      "nowhere does not exist at git revision `HEAD~1`",
    );
  });
});

describe("parseModelVersionSpec", () => {
  it.each([
    ["model", { kind: "paths", paths: ["model"] }],
    [
      "model/smithy,model/smithy-build.json",
      { kind: "paths", paths: ["model/smithy", "model/smithy-build.json"] },
    ],
    ["HEAD~1", { kind: "git", ref: "HEAD~1", paths: ["model"] }],
    ["HEAD~1:model/smithy", { kind: "git", ref: "HEAD~1", paths: ["model/smithy"] }],
  ])("%s", (text, expected) => {
    expect(parseModelVersionSpec(text, ["model"], repo)).toEqual(expected);
  });

  it("rejects what is neither a path nor a revision", () => {
    expect(() => parseModelVersionSpec("no-such-thing", ["model"], repo)).toThrow(ModelVersionError);
  });
});

describe("runDiffCommand", () => {
  it("prints a table and exits 1 for a breaking change against a git revision", async () => {
    const io = capture();
    expect(await runDiffCommand(["--old", "HEAD~1", "--new", "model"], io)).toBe(1);
    expect(io.err).toBe("");
    expect(io.out).toMatch(/ERROR\s+RemovedMember\s+com\.example#GetThingOutput\$size/);
    expect(io.out).toMatch(/NOTE\s+AddedMember\s+com\.example#GetThingOutput\$color/);
    expect(io.out).toContain("1 error, 0 warnings, 1 note");
  });

  it("prints JSON, hides events below --severity, and still exits 1", async () => {
    const io = capture();
    expect(
      await runDiffCommand(["--old=HEAD~1", "--new=model", "--format=json", "--severity", "error"], io),
    ).toBe(1);
    const parsed = JSON.parse(io.out) as { events: { id: string }[] };
    expect(parsed.events.map((e) => e.id)).toEqual(["RemovedMember"]);
  });

  it("prints a Markdown changelog", async () => {
    const io = capture();
    await runDiffCommand(["--old", "HEAD~1:model", "--new", "model", "--format", "markdown"], io);
    expect(io.out).toContain("### Members");
  });

  it("exits 0 when nothing changed", async () => {
    const io = capture();
    expect(await runDiffCommand(["--old", "HEAD", "--new", "model/smithy-build.json"], io)).toBe(0);
    expect(io.out).toBe("No differences.\n0 errors, 0 warnings, 0 notes\n");
  });

  it.each([
    [["--new", "model"], "ERROR Missing --old <version> (try `smithy diff --help`)\n"],
    [["--old", "HEAD", "--format", "xml"], "ERROR --format must be table, json or markdown, not `xml`\n"],
    [
      ["--old", "HEAD", "--severity", "LOUD"],
      "ERROR --severity must be NOTE, WARNING or ERROR, not `LOUD`\n",
    ],
    [["--old", "HEAD", "--bogus"], "ERROR Unknown option --bogus for `diff`\n"],
    [["--old"], "ERROR Missing value for --old\n"],
    [
      ["--old", "v9.9", "--new", "model"],
      "ERROR `v9.9` is neither an existing file or directory nor a git revision\n",
    ],
  ])("rejects %j with one line", async (argv, message) => {
    const io = capture();
    expect(await runDiffCommand(argv, io)).toBe(1);
    expect(io.err).toBe(message);
    expect(io.out).toBe("");
  });

  it("prints the loader's file:line:col diagnostics for an unloadable model", async () => {
    write("broken/things.smithy", `$version: "2"\nnamespace com.example\n\nstructure {\n`);
    const io = capture();
    expect(await runDiffCommand(["--old", "HEAD:model", "--new", "broken"], io)).toBe(1);
    const lines = io.err.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^broken\/things\.smithy:4:\d+: ERROR /);
    expect(lines.at(-1)).toMatch(/^ERROR cannot load the new model \(broken\): \d+ error\(s\)$/);
  });

  it("lists its rules", async () => {
    const io = capture();
    expect(await runDiffCommand(["--list-rules"], io)).toBe(0);
    expect(io.out).toMatch(/^ChangedNullability\s+ERROR when a member becomes required/m);
  });

  it("prints its help", async () => {
    const io = capture();
    expect(await runDiffCommand(["--help"], io)).toBe(0);
    expect(io.out).toContain("Usage: smithy diff");
  });
});
