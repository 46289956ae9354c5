// Every statement the repository runs. Kept in one place so a test can check each one's query plan
// (an index search, never a table scan or a temporary sort), which is what keeps calls flat at 1M rows.

/** A store's columns: every column but row_number, the rowid, which only places the row in the file. */
const STORE_COLUMNS = `account_id, id, arn, name, description, sse_config, fallback_location, etag_algorithm_family,
  status, status_message, propagated_set_level_tags, s3_access, tags, client_token, request_hash, creation_time,
  update_time`;

export const SQL = {
  byToken: `SELECT ${STORE_COLUMNS} FROM sequence_stores WHERE account_id = ? AND client_token = ?`,
  // A store by the row its id leads to (store-id-cipher.ts, or drawnRow): one search of the table's own
  // B-tree. Account and id are compared too: the row may belong to another account or hold a drawn id.
  byRowAndId: `SELECT row_number, ${STORE_COLUMNS} FROM sequence_stores WHERE row_number = ? AND account_id = ? AND id = ?`,
  /** The row of a store whose id was drawn rather than derived (older databases, ids a caller chose). */
  drawnRow: "SELECT row_number FROM drawn_store_ids WHERE account_id = ? AND id = ?",
  rememberDrawn: "INSERT INTO drawn_store_ids (account_id, id, row_number) VALUES (?, ?, ?)",
  forgetDrawn: "DELETE FROM drawn_store_ids WHERE account_id = ? AND id = ?",
  // The bookkeeping a group commit reads once and writes back once (batch-bookkeeping.ts).
  // The last row number handed out: the highest row still in the table, or the counter when rows at the top
  // were deleted. Creates leave the counter alone (their rows are the record); a delete raises it first.
  rowCounter: `
    SELECT MAX(value, COALESCE((SELECT MAX(row_number) FROM sequence_stores), 0)) AS value
    FROM counters WHERE name = 'sequence_store_row'`,
  // Only when the counter is below the highest row: once it is up to date, deletes write no page for it.
  keepRowCounter: `
    UPDATE counters SET value = (SELECT MAX(row_number) FROM sequence_stores)
    WHERE name = 'sequence_store_row' AND value < (SELECT MAX(row_number) FROM sequence_stores)`,
  usage: "SELECT sequence_store_count FROM account_usage WHERE account_id = ?",
  setUsage: `
    INSERT INTO account_usage (account_id, sequence_store_count) VALUES (?, ?)
    ON CONFLICT (account_id) DO UPDATE SET sequence_store_count = excluded.sequence_store_count`,
  anyRetiredToken: "SELECT 1 AS found FROM retired_client_tokens WHERE account_id = ? LIMIT 1",
  /** Whether any id was drawn: a scan that stops at the first row. */
  anyDrawnId: "SELECT 1 AS found FROM drawn_store_ids LIMIT 1",
  // The id is known to be free (checked under the write lock before). A duplicate token cannot reach this
  // point either: it was looked up first, under the same lock; its unique index stays as the last line of
  // defence.
  // Positional parameters, bound in this column order (insertValues): no lookup of each by name.
  insert: `
    INSERT INTO sequence_stores (
      row_number, account_id, id, arn, name, description, sse_config, fallback_location, etag_algorithm_family,
      status, status_message, propagated_set_level_tags, s3_access, tags, client_token, request_hash,
      creation_time, update_time
    ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  retiredToken: "SELECT store_id FROM retired_client_tokens WHERE account_id = ? AND client_token = ?",
  updateToken: `
    SELECT store_id, request_hash, result FROM update_client_tokens WHERE account_id = ? AND client_token = ?`,
  update: `
    UPDATE sequence_stores SET
      name = @name, description = @description, fallback_location = @fallback_location,
      propagated_set_level_tags = @propagated_set_level_tags, s3_access = @s3_access, update_time = @update_time
    WHERE row_number = @row_number`,
  rememberUpdateToken: `
    INSERT INTO update_client_tokens (account_id, client_token, store_id, request_hash, result)
    VALUES (?, ?, ?, ?, ?)`,
  delete: "DELETE FROM sequence_stores WHERE row_number = ?",
  retireToken: `
    INSERT INTO retired_client_tokens (account_id, client_token, store_id, deletion_time) VALUES (?, ?, ?, ?)
    ON CONFLICT (account_id, client_token) DO NOTHING`,
  forgetUpdateTokens: "DELETE FROM update_client_tokens WHERE account_id = ? AND store_id = ?",
  drawSecret: "INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
  secret: "SELECT value FROM secrets WHERE name = ?",
} as const;

/** Which conditions a list query has; each present one adds a named parameter. */
export interface ListQueryShape {
  name: boolean;
  status: boolean;
  createdAfter: boolean;
  createdBefore: boolean;
  updatedAfter: boolean;
  updatedBefore: boolean;
  /** Resumes after (@after_time, @after_id). */
  after: boolean;
}

export const LIST_QUERY_CONDITIONS = [
  "name",
  "status",
  "createdAfter",
  "createdBefore",
  "updatedAfter",
  "updatedBefore",
  "after",
] as const satisfies ReadonlyArray<keyof ListQueryShape>;

/**
 * One page of a filtered list, always in (creation_time, id) order. INDEXED BY pins the index that yields
 * that order for the equality filter at hand (name is the more selective one), so the planner never falls
 * back to a scan plus a sort. Time bounds on creation narrow the same index range; time bounds on update
 * are checked on the rows the walk visits.
 */
export function listSql(shape: ListQueryShape): string {
  const index = shape.name
    ? "sequence_stores_name_creation"
    : shape.status
      ? "sequence_stores_status_creation"
      : "sequence_stores_creation";
  const where = ["account_id = @account_id"];
  if (shape.name) where.push("name = @name");
  if (shape.status) where.push("status = @status");
  if (shape.createdAfter) where.push("creation_time > @created_after");
  if (shape.createdBefore) where.push("creation_time < @created_before");
  if (shape.updatedAfter) where.push("update_time > @updated_after");
  if (shape.updatedBefore) where.push("update_time < @updated_before");
  if (shape.after) where.push("(creation_time, id) > (@after_time, @after_id)");
  return `SELECT ${STORE_COLUMNS} FROM sequence_stores INDEXED BY ${index} WHERE ${where.join(" AND ")} ORDER BY creation_time, id LIMIT @limit`;
}
