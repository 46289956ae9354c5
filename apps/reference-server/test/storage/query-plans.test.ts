import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/storage/sqlite/open-database.js";
import { SQL } from "../../src/storage/sqlite/statements.js";

// Each statement must find its rows through an index: a full scan or a temporary sort would make calls
// slow down as the table grows toward a million stores.
const db = openDatabase(":memory:");
afterAll(() => db.close());

const PARAMETERS: Record<keyof typeof SQL, unknown[] | Record<string, unknown>> = {
  byToken: ["a", "t"],
  byId: ["a", "1"],
  usage: ["a"],
  insert: {
    account_id: "a",
    id: "1",
    arn: "arn",
    name: "n",
    description: null,
    sse_config: null,
    fallback_location: null,
    etag_algorithm_family: null,
    status: "ACTIVE",
    status_message: null,
    propagated_set_level_tags: null,
    s3_access: null,
    tags: null,
    client_token: null,
    request_hash: "h",
    creation_time: 0,
    update_time: 0,
  },
  bumpUsage: ["a"],
  firstPage: ["a", 10],
  nextPage: ["a", 0, "1", 10],
};

describe("query plans", () => {
  it.each(Object.keys(SQL) as Array<keyof typeof SQL>)("%s searches an index", (name) => {
    const statement = db.prepare(`EXPLAIN QUERY PLAN ${SQL[name]}`);
    const parameters = PARAMETERS[name];
    const plan = (
      Array.isArray(parameters) ? statement.all(...parameters) : statement.all(parameters)
    ) as Array<{
      detail: string;
    }>;
    const details = plan.map((step) => step.detail);
    for (const detail of details) {
      expect(detail).not.toMatch(/^SCAN /);
      expect(detail).not.toContain("TEMP B-TREE");
    }
    if (name !== "insert" && name !== "bumpUsage") expect(details.join("\n")).toMatch(/SEARCH .* USING/);
  });
});
