import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/storage/sqlite/open-database.js";
import {
  LIST_QUERY_CONDITIONS,
  type ListQueryShape,
  listSql,
  SQL,
} from "../../src/storage/sqlite/statements.js";

// Each statement must find its rows through an index: a full scan or a temporary sort would make calls
// slow down as the table grows toward a million stores.
const db = openDatabase(":memory:");
afterAll(() => db.close());

const ROW = {
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
};

const PARAMETERS: Record<keyof typeof SQL, unknown[] | Record<string, unknown>> = {
  byToken: ["a", "t"],
  byRowAndId: [1, "a", "1"],
  drawnRow: ["a", "1"],
  rememberDrawn: ["a", "1", 1],
  forgetDrawn: ["a", "1"],
  rowCounter: [],
  keepRowCounter: [],
  usage: ["a"],
  setUsage: ["a", 1],
  anyRetiredToken: ["a"],
  anyDrawnId: [],
  // Positional, in the statement's column order (the repository's insertValues).
  insert: [1, ...Object.values(ROW)],
  retiredToken: ["a", "t"],
  updateToken: ["a", "t"],
  update: { ...ROW, row_number: 1 },
  rememberUpdateToken: ["a", "t", "1", "h", "{}"],
  delete: [1],
  retireToken: ["a", "t", "1", 0],
  forgetUpdateTokens: ["a", "1"],
  drawSecret: ["s", Buffer.alloc(1)],
  secret: ["s"],
};

/** Statements that write a row by its key; their plan has no SEARCH step to check. */
const PLAIN_WRITES = new Set<string>([
  "insert",
  "setUsage",
  "rememberUpdateToken",
  "retireToken",
  "drawSecret",
  "rememberDrawn",
]);

function plan(sql: string, parameters: unknown[] | Record<string, unknown>): string[] {
  const statement = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const rows = (
    Array.isArray(parameters) ? statement.all(...parameters) : statement.all(parameters)
  ) as Array<{
    detail: string;
  }>;
  return rows.map((step) => step.detail);
}

function expectIndexed(details: string[], needsSearch: boolean): void {
  for (const detail of details) {
    expect(detail).not.toMatch(/^SCAN /);
    expect(detail).not.toContain("TEMP B-TREE");
  }
  if (needsSearch) expect(details.join("\n")).toMatch(/SEARCH .* USING/);
}

/** Probes that read at most one row of a whole table, whatever its size: their scan ends at the first row. */
const FIRST_ROW_PROBES = new Set<string>(["anyDrawnId"]);

describe("query plans", () => {
  const indexed = (Object.keys(SQL) as Array<keyof typeof SQL>).filter((name) => !FIRST_ROW_PROBES.has(name));
  it.each(indexed)("%s searches an index", (name) => {
    expectIndexed(plan(SQL[name], PARAMETERS[name]), !PLAIN_WRITES.has(name));
  });

  // The table is a rowid table in creation order (migration 3) and ids lead to row numbers (migration 4):
  // a store is read, updated and deleted by its rowid, without any index.
  it.each(["byRowAndId", "update", "delete"] as const)("%s goes straight to the row by its rowid", (name) => {
    expect(plan(SQL[name], PARAMETERS[name]).join("\n")).toContain("USING INTEGER PRIMARY KEY (rowid=?)");
  });

  it("anyDrawnId reads at most one row", () => {
    expect(SQL.anyDrawnId).toMatch(/ LIMIT 1$/);
    expect(plan(SQL.anyDrawnId, PARAMETERS.anyDrawnId)).toEqual([
      expect.stringMatching(/^SCAN drawn_store_ids/),
    ]);
  });

  it("drawnRow and forgetDrawn search drawn_store_ids by its key", () => {
    for (const name of ["drawnRow", "forgetDrawn"] as const) {
      expect(plan(SQL[name], PARAMETERS[name]).join("\n")).toContain(
        "drawn_store_ids USING PRIMARY KEY (account_id=? AND id=?)",
      );
    }
  });

  // Every combination of list conditions (2⁷ = 128): each one walks an index in page order, never sorts.
  const shapes: ListQueryShape[] = Array.from({ length: 2 ** LIST_QUERY_CONDITIONS.length }, (_, bits) => {
    const entries = LIST_QUERY_CONDITIONS.map((condition, i) => [condition, (bits & (1 << i)) !== 0]);
    return Object.fromEntries(entries) as ListQueryShape;
  });
  const parametersOf = (shape: ListQueryShape) => ({
    account_id: "a",
    limit: 101,
    ...(shape.name ? { name: "n" } : {}),
    ...(shape.status ? { status: "ACTIVE" } : {}),
    ...(shape.createdAfter ? { created_after: 0 } : {}),
    ...(shape.createdBefore ? { created_before: 0 } : {}),
    ...(shape.updatedAfter ? { updated_after: 0 } : {}),
    ...(shape.updatedBefore ? { updated_before: 0 } : {}),
    ...(shape.after ? { after_time: 0, after_id: "1" } : {}),
  });

  it.each(shapes.map((shape) => ({ label: JSON.stringify(shape), shape })))(
    "list $label searches the index that matches its filter",
    ({ shape }) => {
      const details = plan(listSql(shape), parametersOf(shape));
      expectIndexed(details, true);
      const index = shape.name
        ? "sequence_stores_name_creation"
        : shape.status
          ? "sequence_stores_status_creation"
          : "sequence_stores_creation";
      expect(details.join("\n")).toContain(index);
    },
  );
});
