import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_CONFIG, parseCommandLine } from "../src/config.js";

const CWD = "/srv/app";

describe("parseCommandLine", () => {
  it("uses documented defaults", () => {
    expect(parseCommandLine([], {}, CWD)).toEqual({
      kind: "run",
      config: { ...DEFAULT_CONFIG, db: path.resolve(CWD, ".data/seqstore.db") },
    });
  });

  it("reads every setting from flags, both --flag value and --flag=value", () => {
    const parsed = parseCommandLine(
      [
        "--host",
        "0.0.0.0",
        "--port=0",
        "--db",
        "x.db",
        "--region",
        "eu-west-1",
        "--account=210987654321",
        "--max-stores",
        "500",
      ],
      {},
      CWD,
    );
    expect(parsed).toEqual({
      kind: "run",
      config: {
        host: "0.0.0.0",
        port: 0,
        db: path.resolve(CWD, "x.db"),
        region: "eu-west-1",
        accountId: "210987654321",
        maxStores: 500,
      },
    });
  });

  it("reads environment variables, and flags win over them", () => {
    const env = {
      SEQSTORE_HOST: "::1",
      SEQSTORE_PORT: "9000",
      SEQSTORE_DB: ":memory:",
      SEQSTORE_REGION: "ap-southeast-2",
      SEQSTORE_ACCOUNT_ID: "000000000001",
      SEQSTORE_MAX_STORES: "3",
    };
    expect(parseCommandLine([], env, CWD)).toEqual({
      kind: "run",
      config: {
        host: "::1",
        port: 9000,
        db: ":memory:",
        region: "ap-southeast-2",
        accountId: "000000000001",
        maxStores: 3,
      },
    });
    const parsed = parseCommandLine(["--port", "9001"], env, CWD);
    expect(parsed.kind === "run" && parsed.config.port).toBe(9001);
  });

  it.each([["--help"], ["-h"], ["--port", "1", "--help"]])("asks for help with %j", (...argv) => {
    expect(parseCommandLine(argv, {}, CWD)).toEqual({ kind: "help" });
  });

  it.each([
    { argv: ["--nope"], message: "unknown option --nope (see --help)" },
    { argv: ["stray"], message: "unexpected argument stray (see --help)" },
    { argv: ["--port"], message: "option --port needs a value" },
    { argv: ["--port", "--db", "x"], message: "option --port needs a value" },
    { argv: ["--port", "http"], message: '--port: "http" is not a whole number' },
    { argv: ["--port", "70000"], message: "--port: 70000 is outside 0..65535" },
    { argv: ["--region", "mars"], message: '--region: "mars" is not an AWS Region name such as us-east-1' },
    { argv: ["--account", "12"], message: '--account: "12" is not a 12-digit AWS account id' },
    { argv: ["--max-stores", "0"], message: "--max-stores: 0 is outside 1..9007199254740991" },
    { argv: ["--host="], message: "--host: the host must not be empty" },
  ])("rejects $argv", ({ argv, message }) => {
    expect(() => parseCommandLine(argv, {}, CWD)).toThrow(new ConfigError(message));
  });

  it("names the environment variable when its value is bad", () => {
    expect(() => parseCommandLine([], { SEQSTORE_PORT: "-1" }, CWD)).toThrow(
      'SEQSTORE_PORT: "-1" is not a whole number',
    );
  });
});
