import pg from "pg";

/** Whether a --db value names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/** A PostgreSQL URL with its password replaced, for logs and error messages; any other --db value as it is. */
export function redactPostgresUrl(url: string): string {
  if (!isPostgresUrl(url)) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "***";
    return parsed.toString();
  } catch {
    // Not a URL the parser takes: hide whatever sits between the user name and the "@".
    return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/i, "$1***@");
  }
}

/** How the repository talks to PostgreSQL; every bound keeps a request from waiting on a database that is gone. */
export interface PostgresPoolOptions {
  /** Connections this instance holds at most (default 10). */
  maxConnections?: number;
  /** How long a request waits for a connection, including a new one being set up (default 3 s). */
  connectTimeoutMs?: number;
  /**
   * How long one statement may run: the server cancels it after this long, and the client gives up on an
   * answer shortly after, should the server not be there to cancel it (default 5 s).
   */
  statementTimeoutMs?: number;
  /** Errors of idle connections (the server restarted or went away); without a listener they would crash. */
  onIdleError?: (error: Error) => void;
}

const INT8_OID = 20;

export function createPool(url: string, options: PostgresPoolOptions = {}): pg.Pool {
  const statementTimeoutMs = options.statementTimeoutMs ?? 5_000;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 3_000,
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + 1_000,
    idle_in_transaction_session_timeout: statementTimeoutMs * 2,
    keepAlive: true,
    application_name: "seqstore-server",
    // Row numbers and epoch milliseconds are bigint columns; both stay far below 2^53.
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === INT8_OID
          ? Number
          : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
    },
  });
  pool.on("error", (error) => options.onIdleError?.(error));
  return pool;
}

/** What went wrong, in one line: pg's connection errors may be AggregateErrors with an empty message. */
export function describeCause(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map(describeCause))].join("; ");
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = error.message || error.name;
    return code && !message.includes(code) ? `${message} (${code})` : message;
  }
  return String(error);
}

export class PostgresOpenError extends Error {
  constructor(url: string, cause: unknown) {
    super(`cannot use the PostgreSQL database ${redactPostgresUrl(url)}: ${describeCause(cause)}`, { cause });
    this.name = "PostgresOpenError";
  }
}
