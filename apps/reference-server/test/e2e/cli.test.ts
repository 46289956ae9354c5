import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runLauncher, startServerProcess } from "./server-process.js";

const dir = mkdtempSync(path.join(tmpdir(), "seqstore-e2e-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));

describe("seqstore-server command line", () => {
  it("prints help and exits 0", async () => {
    const { code, stdout } = await runLauncher(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: seqstore-server");
    expect(stdout).toContain("SEQSTORE_PORT");
  });

  it.each<{ argv: string[]; env: Record<string, string>; line: string }>([
    { argv: ["--bogus"], env: {}, line: "seqstore-server: unknown option --bogus (see --help)" },
    { argv: ["--port", "nope"], env: {}, line: 'seqstore-server: --port: "nope" is not a whole number' },
    // An empty secret in a deployment must not fall back to the public local keys.
    {
      argv: [],
      env: { SEQSTORE_CREDENTIALS: "" },
      line:
        "seqstore-server: SEQSTORE_CREDENTIALS is set but empty; give credentials, or unset it to use " +
        "the local default credentials",
    },
    {
      argv: [],
      env: { SEQSTORE_CREDENTIALS_FILE: "" },
      line:
        "seqstore-server: SEQSTORE_CREDENTIALS_FILE is set but empty; give credentials, or unset it to " +
        "use the local default credentials",
    },
    {
      argv: ["--auth", "none"],
      env: { SEQSTORE_CREDENTIALS: "AKIDENV:s:111111111111" },
      line:
        "seqstore-server: --auth none checks no signatures, so the credentials of SEQSTORE_CREDENTIALS " +
        "would be ignored; remove them or use --auth sigv4",
    },
  ])("exits 2 with one line for $argv $env", async ({ argv, env, line }) => {
    const { code, stdout, stderr } = await runLauncher(argv, env);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(`${line}\n`);
  });

  it("exits 1 with one line when the database cannot be opened", async () => {
    const notADatabase = path.join(dir, "garbage.db");
    writeFileSync(
      notADatabase,
      "this is not an SQLite file, and it is long enough to have a header".repeat(4),
    );
    const blockedParent = path.join(dir, "file-as-dir");
    writeFileSync(blockedParent, "");
    for (const db of [notADatabase, path.join(blockedParent, "x.db")]) {
      const { code, stderr } = await runLauncher(["--port", "0", "--db", db]);
      expect(code).toBe(1);
      expect(stderr).toMatch(
        new RegExp(`^seqstore-server: could not start: cannot open the database ${db}: .+\\n$`),
      );
    }
  });

  it("exits 1 with one line when the port is taken", async () => {
    const first = await startServerProcess(["--port", "0", "--db", ":memory:"]);
    try {
      const port = new URL(first.url).port;
      const { code, stderr } = await runLauncher(["--port", port, "--db", ":memory:"]);
      expect(code).toBe(1);
      expect(stderr).toMatch(/^seqstore-server: could not start: .*EADDRINUSE.*\n$/);
    } finally {
      expect(await first.stop()).toBe(0);
    }
  });
});
