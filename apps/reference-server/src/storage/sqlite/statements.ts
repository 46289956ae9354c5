// Every statement the repository runs. Kept in one place so a test can check each one's query plan
// (an index search, never a table scan or a temporary sort), which is what keeps calls flat at 1M rows.
export const SQL = {
  byToken: "SELECT * FROM sequence_stores WHERE account_id = ? AND client_token = ?",
  byId: "SELECT * FROM sequence_stores WHERE account_id = ? AND id = ?",
  usage: "SELECT sequence_store_count FROM account_usage WHERE account_id = ?",
  // A taken id is reported as "no row inserted" rather than an exception, so the draw can be retried inside
  // the same transaction. A duplicate token cannot reach this point: it was looked up first, under the write
  // lock; the unique index stays as the last line of defence.
  insert: `
    INSERT INTO sequence_stores (
      account_id, id, arn, name, description, sse_config, fallback_location, etag_algorithm_family,
      status, status_message, propagated_set_level_tags, s3_access, tags, client_token, request_hash,
      creation_time, update_time
    ) VALUES (
      @account_id, @id, @arn, @name, @description, @sse_config, @fallback_location, @etag_algorithm_family,
      @status, @status_message, @propagated_set_level_tags, @s3_access, @tags, @client_token, @request_hash,
      @creation_time, @update_time
    ) ON CONFLICT (account_id, id) DO NOTHING`,
  bumpUsage: `
    INSERT INTO account_usage (account_id, sequence_store_count) VALUES (?, 1)
    ON CONFLICT (account_id) DO UPDATE SET sequence_store_count = sequence_store_count + 1`,
  firstPage: "SELECT * FROM sequence_stores WHERE account_id = ? ORDER BY creation_time, id LIMIT ?",
  nextPage: `
    SELECT * FROM sequence_stores
    WHERE account_id = ? AND (creation_time, id) > (?, ?)
    ORDER BY creation_time, id LIMIT ?`,
} as const;
