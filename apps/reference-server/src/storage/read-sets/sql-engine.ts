/**
 * The little the read-set repository needs from a database: transactions of parameterised statements.
 * Statements use `?` placeholders; the PostgreSQL engine numbers them. A transaction's work runs only
 * statements (no other I/O), so on SQLite, whose calls are synchronous, it ends within one turn of the
 * event loop and never interleaves with the group commit.
 */
export type SqlQuery = <R = Record<string, unknown>>(
  sql: string,
  params?: readonly unknown[],
) => Promise<R[]>;

export interface SqlEngine {
  /** Runs `work` in one transaction: all of its statements commit durably, or none does. */
  transaction<T>(work: (query: SqlQuery) => Promise<T>): Promise<T>;
}
