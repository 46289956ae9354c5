import path from "node:path";

/** Everything the reference server needs to start. */
export interface ServerConfig {
  host: string;
  /** 0 asks the OS for a free port. */
  port: number;
  /** SQLite file, or ":memory:" for a database that lives as long as the process. */
  db: string;
  region: string;
  accountId: string;
  /** Most sequence stores one account may hold (AWS: a per-Region service quota). */
  maxStores: number;
}

/**
 * Defaults. maxStores = 10 stands in for the HealthOmics "sequence stores per Region" service quota; raise it
 * (--max-stores) for load tests, as one would ask AWS for a quota increase.
 */
export const DEFAULT_CONFIG = {
  host: "127.0.0.1",
  port: 8080,
  db: ".data/seqstore.db",
  region: "us-east-1",
  accountId: "123456789012",
  maxStores: 10,
} as const satisfies ServerConfig;

export const HELP_TEXT = `Usage: seqstore-server [options]

A local emulator of the AWS HealthOmics sequence store API.

Options (flag, environment variable, default):
  --host <address>     SEQSTORE_HOST         ${DEFAULT_CONFIG.host}
  --port <number>      SEQSTORE_PORT         ${DEFAULT_CONFIG.port} (0 picks a free port)
  --db <file>          SEQSTORE_DB           ${DEFAULT_CONFIG.db} (relative to the working directory; :memory: keeps nothing)
  --region <region>    SEQSTORE_REGION       ${DEFAULT_CONFIG.region}
  --account <id>       SEQSTORE_ACCOUNT_ID   ${DEFAULT_CONFIG.accountId} (12 digits)
  --max-stores <n>     SEQSTORE_MAX_STORES   ${DEFAULT_CONFIG.maxStores} (sequence stores per account)
  --help               print this text

Flags win over environment variables.
`;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export type ParsedCommandLine = { kind: "help" } | { kind: "run"; config: ServerConfig };

type Key = keyof ServerConfig;

const FLAGS: Readonly<Record<string, Key>> = {
  "--host": "host",
  "--port": "port",
  "--db": "db",
  "--region": "region",
  "--account": "accountId",
  "--max-stores": "maxStores",
};

const ENV: Readonly<Record<Key, string>> = {
  host: "SEQSTORE_HOST",
  port: "SEQSTORE_PORT",
  db: "SEQSTORE_DB",
  region: "SEQSTORE_REGION",
  accountId: "SEQSTORE_ACCOUNT_ID",
  maxStores: "SEQSTORE_MAX_STORES",
};

/** Parses command-line flags over environment variables over defaults. Throws ConfigError on bad input. */
export function parseCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
  cwd: string = process.cwd(),
): ParsedCommandLine {
  const raw = new Map<Key, { value: string; source: string }>();
  for (const [key, variable] of Object.entries(ENV) as Array<[Key, string]>) {
    const value = env[variable];
    if (value !== undefined && value !== "") raw.set(key, { value, source: variable });
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return { kind: "help" };
    const eq = arg.indexOf("=");
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const key = FLAGS[flag];
    if (key === undefined) {
      throw new ConfigError(
        arg.startsWith("-")
          ? `unknown option ${flag} (see --help)`
          : `unexpected argument ${arg} (see --help)`,
      );
    }
    let value: string | undefined;
    if (eq !== -1) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || value.startsWith("--"))
        throw new ConfigError(`option ${flag} needs a value`);
      i++;
    }
    raw.set(key, { value, source: flag });
  }
  return { kind: "run", config: resolveConfig(raw, cwd) };
}

function resolveConfig(raw: Map<Key, { value: string; source: string }>, cwd: string): ServerConfig {
  const text = (key: Key, fallback: string): [string, string] => {
    const entry = raw.get(key);
    return entry === undefined ? [fallback, "default"] : [entry.value, entry.source];
  };

  const [host, hostSource] = text("host", DEFAULT_CONFIG.host);
  if (host.trim() === "") throw new ConfigError(`${hostSource}: the host must not be empty`);

  const port = integer(...text("port", String(DEFAULT_CONFIG.port)), 0, 65535);

  const [dbText] = text("db", DEFAULT_CONFIG.db);
  const db = dbText === ":memory:" ? dbText : path.resolve(cwd, dbText);

  const [region, regionSource] = text("region", DEFAULT_CONFIG.region);
  if (!/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region)) {
    throw new ConfigError(`${regionSource}: "${region}" is not an AWS Region name such as us-east-1`);
  }

  const [accountId, accountSource] = text("accountId", DEFAULT_CONFIG.accountId);
  if (!/^\d{12}$/.test(accountId)) {
    throw new ConfigError(`${accountSource}: "${accountId}" is not a 12-digit AWS account id`);
  }

  const maxStores = integer(
    ...text("maxStores", String(DEFAULT_CONFIG.maxStores)),
    1,
    Number.MAX_SAFE_INTEGER,
  );

  return { host, port, db, region, accountId, maxStores };
}

function integer(value: string, source: string, min: number, max: number): number {
  if (!/^\d+$/.test(value)) throw new ConfigError(`${source}: "${value}" is not a whole number`);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new ConfigError(`${source}: ${value} is outside ${min}..${max}`);
  }
  return n;
}
