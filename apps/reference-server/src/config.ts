import { readFileSync } from "node:fs";
import path from "node:path";
import { AUTH_MODES, type AuthMode } from "./auth/authenticator.js";
import {
  type AccountCredential,
  CredentialsFormatError,
  localCredential,
  parseCredentialsFile,
  parseCredentialsList,
} from "./auth/credentials.js";
import { LOG_LEVELS, type LogLevel } from "./logging/logger.js";
import { isPostgresUrl, redactPostgresUrl } from "./storage/postgres/connection.js";

/** Everything the reference server needs to start. */
export interface ServerConfig {
  host: string;
  /** 0 asks the OS for a free port. */
  port: number;
  /**
   * SQLite file, ":memory:" for a database that lives as long as the process, or a postgres:// URL: a
   * PostgreSQL database that several server instances share.
   */
  db: string;
  /**
   * Where read-set files go (under `read-sets/`). Undefined: the SQLite file's folder, a temporary folder
   * removed at shutdown for ":memory:", and `.data` in the working directory for PostgreSQL.
   */
  dataDir?: string;
  /** The region requests must be signed for; it appears in ARNs and S3 URIs. */
  region: string;
  /** The account of the local default credentials, and of every request with auth "none". */
  accountId: string;
  /** Most sequence stores one account may hold (AWS: a per-Region service quota). */
  maxStores: number;
  /** "sigv4" verifies every request's signature; "none" lets every request act for accountId. */
  auth: AuthMode;
  /** Accepted access keys and the accounts they act for. */
  credentials: readonly AccountCredential[];
  /** Where credentials came from: "default" (the local keys), a file path, or SEQSTORE_CREDENTIALS. */
  credentialsSource: string;
  /** Requests per second each account may make; 0 turns throttling off. */
  rateLimit: number;
  /** Requests an account may make at once (token bucket size); used when rateLimit > 0. */
  burst: number;
  /** How long a request body may take to arrive before the answer is 408; 0 waits forever. */
  bodyTimeoutMs: number;
  /** How long a client may take to send a request's headers before the connection is answered 408 and closed. */
  headersTimeoutMs: number;
  /** Largest request body accepted; a larger one answers 413 before it is read. */
  maxBodyBytes: number;
  logLevel: LogLevel;
  /** Serves /_seqstore/health, /_seqstore/openapi.json and /_seqstore/docs (no signature needed). */
  infoRoutes: boolean;
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
  auth: "sigv4",
  credentials: [localCredential("123456789012")],
  credentialsSource: "default",
  rateLimit: 0,
  burst: 1,
  bodyTimeoutMs: 10_000,
  headersTimeoutMs: 10_000,
  maxBodyBytes: 1_048_576,
  logLevel: "info",
  infoRoutes: true,
} as const satisfies ServerConfig;

export const HELP_TEXT = `Usage: seqstore-server [options]

A local emulator of the AWS HealthOmics sequence store API.

Options (flag, environment variable, default):
  --host <address>        SEQSTORE_HOST              ${DEFAULT_CONFIG.host}
  --port <number>         SEQSTORE_PORT              ${DEFAULT_CONFIG.port} (0 picks a free port)
  --db <file|url>         SEQSTORE_DB                ${DEFAULT_CONFIG.db} (SQLite file relative to the working directory; :memory: keeps nothing;
                                                     postgres://user:password@host:port/database for PostgreSQL, shared by several instances)
  --data-dir <dir>        SEQSTORE_DATA_DIR          the --db file's folder (read-set files go under <dir>/read-sets; a temporary
                                                     folder for :memory:, .data for PostgreSQL)
  --region <region>       SEQSTORE_REGION            ${DEFAULT_CONFIG.region} (requests must be signed for it)
  --account <id>          SEQSTORE_ACCOUNT_ID        ${DEFAULT_CONFIG.accountId} (account of the default credentials and of --auth none)
  --max-stores <n>        SEQSTORE_MAX_STORES        ${DEFAULT_CONFIG.maxStores} (sequence stores per account)
  --auth <sigv4|none>     SEQSTORE_AUTH              ${DEFAULT_CONFIG.auth} (none: no signature needed, every request acts for --account)
  --credentials <file>    SEQSTORE_CREDENTIALS_FILE  JSON array of {accessKeyId, secretAccessKey, accountId}
                          SEQSTORE_CREDENTIALS       ACCESS_KEY_ID:SECRET:ACCOUNT_ID,... (instead of a file)
                          without either, access key ${DEFAULT_CONFIG.credentials[0].accessKeyId} with secret ${DEFAULT_CONFIG.credentials[0].secretAccessKey}
  --rate-limit <rps>      SEQSTORE_RATE_LIMIT        ${DEFAULT_CONFIG.rateLimit} (requests per second per account; 0 is off)
  --burst <n>             SEQSTORE_BURST             the rate limit rounded up (requests at once per account)
  --body-timeout-ms <ms>  SEQSTORE_BODY_TIMEOUT_MS   ${DEFAULT_CONFIG.bodyTimeoutMs} (then 408; 0 waits forever)
  --headers-timeout-ms <ms>
                          SEQSTORE_HEADERS_TIMEOUT_MS ${DEFAULT_CONFIG.headersTimeoutMs} (request headers not complete by then: 408, connection closed)
  --max-body-bytes <n>    SEQSTORE_MAX_BODY_BYTES    ${DEFAULT_CONFIG.maxBodyBytes} (larger bodies answer 413)
  --log-level <level>     SEQSTORE_LOG_LEVEL         ${DEFAULT_CONFIG.logLevel} (${LOG_LEVELS.join(", ")})
  --info-routes <on|off>  SEQSTORE_INFO_ROUTES       on (GET /_seqstore/health, /_seqstore/openapi.json, /_seqstore/docs)
  --help                  print this text

Flags win over environment variables.
`;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export type ParsedCommandLine = { kind: "help" } | { kind: "run"; config: ServerConfig };

/** Options as written on the command line or in the environment, before they are interpreted. */
type Option =
  | "host"
  | "port"
  | "db"
  | "dataDir"
  | "region"
  | "accountId"
  | "maxStores"
  | "auth"
  | "credentialsFile"
  | "credentialsList"
  | "rateLimit"
  | "burst"
  | "bodyTimeoutMs"
  | "headersTimeoutMs"
  | "maxBodyBytes"
  | "logLevel"
  | "infoRoutes";

const FLAGS: Readonly<Record<string, Option>> = {
  "--host": "host",
  "--port": "port",
  "--db": "db",
  "--data-dir": "dataDir",
  "--region": "region",
  "--account": "accountId",
  "--max-stores": "maxStores",
  "--auth": "auth",
  "--credentials": "credentialsFile",
  "--rate-limit": "rateLimit",
  "--burst": "burst",
  "--body-timeout-ms": "bodyTimeoutMs",
  "--headers-timeout-ms": "headersTimeoutMs",
  "--max-body-bytes": "maxBodyBytes",
  "--log-level": "logLevel",
  "--info-routes": "infoRoutes",
};

const ENV: Readonly<Record<Option, string>> = {
  host: "SEQSTORE_HOST",
  port: "SEQSTORE_PORT",
  db: "SEQSTORE_DB",
  dataDir: "SEQSTORE_DATA_DIR",
  region: "SEQSTORE_REGION",
  accountId: "SEQSTORE_ACCOUNT_ID",
  maxStores: "SEQSTORE_MAX_STORES",
  auth: "SEQSTORE_AUTH",
  credentialsFile: "SEQSTORE_CREDENTIALS_FILE",
  credentialsList: "SEQSTORE_CREDENTIALS",
  rateLimit: "SEQSTORE_RATE_LIMIT",
  burst: "SEQSTORE_BURST",
  bodyTimeoutMs: "SEQSTORE_BODY_TIMEOUT_MS",
  headersTimeoutMs: "SEQSTORE_HEADERS_TIMEOUT_MS",
  maxBodyBytes: "SEQSTORE_MAX_BODY_BYTES",
  logLevel: "SEQSTORE_LOG_LEVEL",
  infoRoutes: "SEQSTORE_INFO_ROUTES",
};

/**
 * Options that name credentials: set but empty is a mistake (an unset secret in a deployment script),
 * never a request for the public local keys, which an unset option gets.
 */
const CREDENTIAL_OPTIONS: ReadonlySet<Option> = new Set(["credentialsFile", "credentialsList"]);

function emptyCredentials(source: string): ConfigError {
  return new ConfigError(
    `${source} is set but empty; give credentials, or unset it to use the local default credentials`,
  );
}

type ReadFile = (file: string) => string;
const readUtf8: ReadFile = (file) => readFileSync(file, "utf8");

/** Parses command-line flags over environment variables over defaults. Throws ConfigError on bad input. */
export function parseCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
  cwd: string = process.cwd(),
  readFile: ReadFile = readUtf8,
): ParsedCommandLine {
  const raw = new Map<Option, { value: string; source: string }>();
  for (const [key, variable] of Object.entries(ENV) as Array<[Option, string]>) {
    const value = env[variable];
    if (value === "" && CREDENTIAL_OPTIONS.has(key)) throw emptyCredentials(variable);
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
    if (value === "" && CREDENTIAL_OPTIONS.has(key)) throw emptyCredentials(flag);
    raw.set(key, { value, source: flag });
    // A credentials file on the command line replaces credentials from the environment.
    if (key === "credentialsFile") raw.delete("credentialsList");
  }
  return { kind: "run", config: resolveConfig(raw, cwd, readFile) };
}

function resolveConfig(
  raw: Map<Option, { value: string; source: string }>,
  cwd: string,
  readFile: ReadFile,
): ServerConfig {
  const text = (key: Option, fallback: string): [string, string] => {
    const entry = raw.get(key);
    return entry === undefined ? [fallback, "default"] : [entry.value, entry.source];
  };

  const [host, hostSource] = text("host", DEFAULT_CONFIG.host);
  if (host.trim() === "") throw new ConfigError(`${hostSource}: the host must not be empty`);

  const port = integer(...text("port", String(DEFAULT_CONFIG.port)), 0, 65535);

  const [dbText, dbSource] = text("db", DEFAULT_CONFIG.db);
  const db =
    dbText === ":memory:"
      ? dbText
      : isPostgresUrl(dbText)
        ? postgresUrl(dbText, dbSource)
        : path.resolve(cwd, dbText);

  const dataDirEntry = raw.get("dataDir");
  if (dataDirEntry !== undefined && dataDirEntry.value.trim() === "") {
    throw new ConfigError(`${dataDirEntry.source}: the data directory must not be empty`);
  }
  const dataDir = dataDirEntry === undefined ? undefined : path.resolve(cwd, dataDirEntry.value);

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

  const [authText, authSource] = text("auth", DEFAULT_CONFIG.auth);
  const auth = oneOf(authText, authSource, AUTH_MODES);
  const { credentials, credentialsSource } = resolveCredentials(raw, accountId, cwd, readFile);
  if (auth === "none" && credentialsSource !== "default") {
    throw new ConfigError(
      `${authSource} none checks no signatures, so the credentials of ${credentialsSource} would be ignored; ` +
        "remove them or use --auth sigv4",
    );
  }

  const [rateText, rateSource] = text("rateLimit", String(DEFAULT_CONFIG.rateLimit));
  if (!/^\d+(\.\d+)?$/.test(rateText)) {
    throw new ConfigError(`${rateSource}: "${rateText}" is not a number of requests per second`);
  }
  const rateLimit = Number(rateText);
  const burst = raw.has("burst")
    ? integer(...text("burst", ""), 1, Number.MAX_SAFE_INTEGER)
    : Math.max(1, Math.ceil(rateLimit));

  const bodyTimeoutMs = integer(
    ...text("bodyTimeoutMs", String(DEFAULT_CONFIG.bodyTimeoutMs)),
    0,
    2_147_483_647,
  );
  // Node's timers take at most 2^31 - 1 ms; a headers timeout of 0 would let idle sockets pile up forever.
  const headersTimeoutMs = integer(
    ...text("headersTimeoutMs", String(DEFAULT_CONFIG.headersTimeoutMs)),
    1,
    2_147_483_647,
  );
  const maxBodyBytes = integer(
    ...text("maxBodyBytes", String(DEFAULT_CONFIG.maxBodyBytes)),
    1,
    Number.MAX_SAFE_INTEGER,
  );
  const logLevel = oneOf(...text("logLevel", DEFAULT_CONFIG.logLevel), LOG_LEVELS);
  const infoRoutes =
    oneOf(...text("infoRoutes", DEFAULT_CONFIG.infoRoutes ? "on" : "off"), ["on", "off"]) === "on";

  return {
    host,
    port,
    db,
    ...(dataDir !== undefined ? { dataDir } : {}),
    region,
    accountId,
    maxStores,
    auth,
    credentials,
    credentialsSource,
    rateLimit,
    burst,
    bodyTimeoutMs,
    headersTimeoutMs,
    maxBodyBytes,
    logLevel,
    infoRoutes,
  };
}

/** A credentials file (flag or SEQSTORE_CREDENTIALS_FILE), else SEQSTORE_CREDENTIALS, else the local keys. */
function resolveCredentials(
  raw: Map<Option, { value: string; source: string }>,
  accountId: string,
  cwd: string,
  readFile: ReadFile,
): { credentials: readonly AccountCredential[]; credentialsSource: string } {
  const file = raw.get("credentialsFile");
  const list = raw.get("credentialsList");
  if (file !== undefined && list !== undefined) {
    throw new ConfigError(`${file.source} and ${list.source} are both set; use one of them`);
  }
  if (file !== undefined) {
    const resolved = path.resolve(cwd, file.value);
    let content: string;
    try {
      content = readFile(resolved);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new ConfigError(`${file.source}: cannot read ${resolved}${code ? ` (${code})` : ""}`);
    }
    return {
      credentials: withSource(`${file.source} ${resolved}`, () => parseCredentialsFile(content)),
      credentialsSource: resolved,
    };
  }
  if (list !== undefined) {
    return {
      credentials: withSource(list.source, () => parseCredentialsList(list.value)),
      credentialsSource: list.source,
    };
  }
  return { credentials: [localCredential(accountId)], credentialsSource: "default" };
}

function withSource<T>(source: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof CredentialsFormatError) throw new ConfigError(`${source}: ${error.message}`);
    throw error;
  }
}

/** A PostgreSQL URL as given, once it parses; the message never shows the password. */
function postgresUrl(value: string, source: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(`${source}: "${redactPostgresUrl(value)}" is not a valid PostgreSQL URL`);
  }
  if (parsed.hostname === "" || parsed.pathname.length <= 1) {
    throw new ConfigError(
      `${source}: "${redactPostgresUrl(value)}" needs a host and a database name (postgres://user:password@host:port/database)`,
    );
  }
  return value;
}

function oneOf<T extends string>(value: string, source: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(`${source}: "${value}" is not one of ${allowed.join(", ")}`);
  }
  return value as T;
}

function integer(value: string, source: string, min: number, max: number): number {
  if (!/^\d+$/.test(value)) throw new ConfigError(`${source}: "${value}" is not a whole number`);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new ConfigError(`${source}: ${value} is outside ${min}..${max}`);
  }
  return n;
}
