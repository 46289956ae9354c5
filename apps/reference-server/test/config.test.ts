import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCAL_CREDENTIALS } from "../src/auth/credentials.js";
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
        auth: "sigv4",
        // The local default key acts for the --account account.
        credentials: [{ ...LOCAL_CREDENTIALS, accountId: "210987654321" }],
        credentialsSource: "default",
        rateLimit: 0,
        burst: 1,
        bodyTimeoutMs: 10_000,
        headersTimeoutMs: 10_000,
        maxBodyBytes: 1_048_576,
        logLevel: "info",
        infoRoutes: true,
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
      SEQSTORE_AUTH: "none",
      SEQSTORE_RATE_LIMIT: "2.5",
      SEQSTORE_BODY_TIMEOUT_MS: "0",
      SEQSTORE_HEADERS_TIMEOUT_MS: "2500",
      SEQSTORE_MAX_BODY_BYTES: "4096",
      SEQSTORE_LOG_LEVEL: "silent",
      SEQSTORE_INFO_ROUTES: "off",
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
        auth: "none",
        credentials: [{ ...LOCAL_CREDENTIALS, accountId: "000000000001" }],
        credentialsSource: "default",
        rateLimit: 2.5,
        burst: 3,
        bodyTimeoutMs: 0,
        headersTimeoutMs: 2500,
        maxBodyBytes: 4096,
        logLevel: "silent",
        infoRoutes: false,
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
    { argv: ["--headers-timeout-ms", "0"], message: "--headers-timeout-ms: 0 is outside 1..2147483647" },
    { argv: ["--max-body-bytes=1kb"], message: '--max-body-bytes: "1kb" is not a whole number' },
    { argv: ["--port", "--db", "x"], message: "option --port needs a value" },
    { argv: ["--port", "http"], message: '--port: "http" is not a whole number' },
    { argv: ["--port", "70000"], message: "--port: 70000 is outside 0..65535" },
    { argv: ["--region", "mars"], message: '--region: "mars" is not an AWS Region name such as us-east-1' },
    { argv: ["--account", "12"], message: '--account: "12" is not a 12-digit AWS account id' },
    { argv: ["--max-stores", "0"], message: "--max-stores: 0 is outside 1..9007199254740991" },
    { argv: ["--host="], message: "--host: the host must not be empty" },
    { argv: ["--auth", "basic"], message: '--auth: "basic" is not one of sigv4, none' },
    { argv: ["--info-routes", "no"], message: '--info-routes: "no" is not one of on, off' },
    {
      argv: ["--rate-limit", "fast"],
      message: '--rate-limit: "fast" is not a number of requests per second',
    },
    { argv: ["--burst", "0"], message: "--burst: 0 is outside 1..9007199254740991" },
    { argv: ["--body-timeout-ms", "-5"], message: '--body-timeout-ms: "-5" is not a whole number' },
    {
      argv: ["--db", "postgres://u:secret@:5432/x"],
      message: '--db: "postgres://u:***@:5432/x" is not a valid PostgreSQL URL',
    },
    {
      argv: ["--db", "postgresql://u:secret@db.example"],
      message:
        '--db: "postgresql://u:***@db.example" needs a host and a database name (postgres://user:password@host:port/database)',
    },
    {
      argv: ["--log-level", "loud"],
      message: '--log-level: "loud" is not one of fatal, error, warn, info, debug, trace, silent',
    },
  ])("rejects $argv", ({ argv, message }) => {
    expect(() => parseCommandLine(argv, {}, CWD)).toThrow(new ConfigError(message));
  });

  it("takes a PostgreSQL URL as it is, from the flag or SEQSTORE_DB", () => {
    const url = "postgres://seqstore:pw@db.internal:5433/seqstore";
    const fromFlag = parseCommandLine(["--db", url], {}, CWD);
    expect(fromFlag.kind === "run" && fromFlag.config.db).toBe(url);
    const fromEnv = parseCommandLine([], { SEQSTORE_DB: url.replace("postgres:", "postgresql:") }, CWD);
    expect(fromEnv.kind === "run" && fromEnv.config.db).toBe(url.replace("postgres:", "postgresql:"));
  });

  it("resolves --data-dir / SEQSTORE_DATA_DIR against the working directory, and leaves it unset by default", () => {
    const fromFlag = parseCommandLine(["--data-dir", "files"], { SEQSTORE_DATA_DIR: "/elsewhere" }, CWD);
    expect(fromFlag.kind === "run" && fromFlag.config.dataDir).toBe(path.resolve(CWD, "files"));
    const fromEnv = parseCommandLine([], { SEQSTORE_DATA_DIR: "/srv/seqstore" }, CWD);
    expect(fromEnv.kind === "run" && fromEnv.config.dataDir).toBe("/srv/seqstore");
    const unset = parseCommandLine([], {}, CWD);
    expect(unset.kind === "run" && "dataDir" in unset.config).toBe(false);
    expect(() => parseCommandLine(["--data-dir", " "], {}, CWD)).toThrow(
      new ConfigError("--data-dir: the data directory must not be empty"),
    );
  });

  it("names the environment variable when its value is bad", () => {
    expect(() => parseCommandLine([], { SEQSTORE_PORT: "-1" }, CWD)).toThrow(
      'SEQSTORE_PORT: "-1" is not a whole number',
    );
  });
});

describe("credentials and rate limits", () => {
  const files: Record<string, string> = {
    "/srv/app/keys.json": JSON.stringify([
      { accessKeyId: "AKIDFILE", secretAccessKey: "f", accountId: "333333333333" },
    ]),
    "/srv/app/broken.json": "[{",
  };
  const readFile = (file: string): string => {
    const text = files[file];
    if (text === undefined) throw Object.assign(new Error("no such file"), { code: "ENOENT" });
    return text;
  };
  const parse = (argv: string[], env: Record<string, string> = {}) => {
    const parsed = parseCommandLine(argv, env, CWD, readFile);
    if (parsed.kind !== "run") throw new Error("expected a run");
    return parsed.config;
  };

  it("reads a credentials file relative to the working directory, from the flag or the environment", () => {
    const expected = {
      credentials: [{ accessKeyId: "AKIDFILE", secretAccessKey: "f", accountId: "333333333333" }],
      credentialsSource: "/srv/app/keys.json",
    };
    expect(parse(["--credentials", "keys.json"])).toMatchObject(expected);
    expect(parse([], { SEQSTORE_CREDENTIALS_FILE: "keys.json" })).toMatchObject(expected);
    // The flag replaces credentials from the environment.
    expect(
      parse(["--credentials=keys.json"], { SEQSTORE_CREDENTIALS: "AKIDENV:s:111111111111" }),
    ).toMatchObject(expected);
  });

  it.each([
    {
      argv: ["--credentials", "missing.json"],
      env: {},
      message: "--credentials: cannot read /srv/app/missing.json (ENOENT)",
    },
    {
      argv: ["--credentials", "broken.json"],
      env: {},
      message: /^--credentials \/srv\/app\/broken\.json: not valid JSON/,
    },
    {
      argv: [],
      env: { SEQSTORE_CREDENTIALS: "AKIDENV:s:1" },
      message: 'SEQSTORE_CREDENTIALS: entry 1: accountId "1" is not a 12-digit AWS account id',
    },
    {
      argv: [],
      env: { SEQSTORE_CREDENTIALS: "" },
      message:
        "SEQSTORE_CREDENTIALS is set but empty; give credentials, or unset it to use the local default credentials",
    },
    {
      argv: [],
      env: { SEQSTORE_CREDENTIALS_FILE: "" },
      message:
        "SEQSTORE_CREDENTIALS_FILE is set but empty; give credentials, or unset it to use the local default credentials",
    },
    {
      argv: ["--credentials="],
      env: {},
      message:
        "--credentials is set but empty; give credentials, or unset it to use the local default credentials",
    },
    {
      argv: [],
      env: { SEQSTORE_CREDENTIALS: " , " },
      message: "SEQSTORE_CREDENTIALS: no credentials are listed",
    },
    {
      argv: ["--auth", "none", "--credentials", "keys.json"],
      env: {},
      message:
        "--auth none checks no signatures, so the credentials of /srv/app/keys.json would be ignored; " +
        "remove them or use --auth sigv4",
    },
    {
      argv: [],
      env: { SEQSTORE_AUTH: "none", SEQSTORE_CREDENTIALS: "AKIDENV:s:111111111111" },
      message:
        "SEQSTORE_AUTH none checks no signatures, so the credentials of SEQSTORE_CREDENTIALS would be ignored; " +
        "remove them or use --auth sigv4",
    },
    {
      argv: [],
      env: { SEQSTORE_CREDENTIALS: "AKIDENV:s:111111111111", SEQSTORE_CREDENTIALS_FILE: "keys.json" },
      message: "SEQSTORE_CREDENTIALS_FILE and SEQSTORE_CREDENTIALS are both set; use one of them",
    },
  ])("refuses $argv $env", ({ argv, env, message }) => {
    expect(() => parseCommandLine(argv, env, CWD, readFile)).toThrow(message);
  });

  it("reads SEQSTORE_CREDENTIALS", () => {
    expect(parse([], { SEQSTORE_CREDENTIALS: "AKIDENV:s:111111111111" })).toMatchObject({
      credentials: [{ accessKeyId: "AKIDENV", secretAccessKey: "s", accountId: "111111111111" }],
      credentialsSource: "SEQSTORE_CREDENTIALS",
    });
  });

  it.each([
    { argv: ["--rate-limit", "5"], burst: 5 },
    { argv: ["--rate-limit", "0.5"], burst: 1 },
    { argv: ["--rate-limit", "2.5", "--burst", "10"], burst: 10 },
  ])("defaults the burst to the rate rounded up: $argv", ({ argv, burst }) => {
    expect(parse(argv).burst).toBe(burst);
  });
});
