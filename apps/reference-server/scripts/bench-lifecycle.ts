// Lifecycle scale benchmark: p50/p99 of CreateSequenceStore, GetSequenceStore and one ListSequenceStores page
// (through the real handlers and SQLite repository, without HTTP) in an empty database and in one holding a
// million stores. Flat numbers mean the indexes do their job. Not a test; CI does not run it.
//
//   npx tsx apps/reference-server/scripts/bench-lifecycle.ts [results.json] [--stores N]
//
// Writes JSON (default: bench/results/lifecycle.json at the repository root). Seeding a million stores takes
// about half a minute and ~1 GB of temporary disk. Durability "normal": a create's fsync would measure the
// disk, not the indexes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type Database from "better-sqlite3";
import { encodeListToken } from "../src/handlers/list-token.js";
import { createOmicsHandlers, type ReferenceContext } from "../src/handlers/omics-handlers.js";
import { requestFingerprint } from "../src/handlers/request-fingerprint.js";
import { drawSequenceStoreId, sequenceStoreIdentity } from "../src/handlers/store-identity.js";
import { openDatabase } from "../src/storage/sqlite/open-database.js";
import { toRow } from "../src/storage/sqlite/sequence-store-row.js";
import { SqliteSequenceStoreRepository } from "../src/storage/sqlite/sqlite-sequence-store-repository.js";
import { SQL } from "../src/storage/sqlite/statements.js";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const SEED_TIME = Date.UTC(2024, 0, 1);
/** Seeded stores share names in groups of this size, so a name filter has many pages to walk. */
const NAME_GROUP = 1000;
/** In the otherwise empty database, the timed creates share 10 names: a name filter still fills a page. */
const EMPTY_NAME_GROUPS = 10;
const TARGET_RATIO = 1.2;
const TARGET_LIST_PAGE_MS = 5;
const SAMPLES = { create: 2_000, get: 10_000, list: 2_000 } as const;
const WARMUP = 200;

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const args = process.argv.slice(2);
const storesFlag = args.indexOf("--stores");
const largeSize = storesFlag === -1 ? 1_000_000 : Number(args[storesFlag + 1]);
const outputArg = args.find((arg, i) => !arg.startsWith("--") && args[i - 1] !== "--stores");
const output = path.resolve(outputArg ?? path.join(repoRoot, "bench/results/lifecycle.json"));

interface Percentiles {
  p50Ms: number;
  p99Ms: number;
}

function percentiles(durations: number[]): Percentiles {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return { p50Ms: round(at(50)), p99Ms: round(at(99)) };
}

async function measure(samples: number, call: (i: number) => Promise<unknown>): Promise<Percentiles> {
  for (let i = 0; i < WARMUP; i++) await call(samples + i);
  const durations: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await call(i);
    durations.push(performance.now() - start);
  }
  return percentiles(durations);
}

/** Bulk insert with the repository's own statements, 50 000 rows a transaction. Returns the ids. */
function seed(db: Database.Database, count: number): string[] {
  const insert = db.prepare(SQL.insert);
  const ids: string[] = [];
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = drawSequenceStoreId();
      const time = new Date(SEED_TIME + i);
      const store = {
        accountId: ACCOUNT,
        id,
        ...sequenceStoreIdentity({ region: REGION, accountId: ACCOUNT, id }),
        name: `group-${i % NAME_GROUP}`,
        status: "ACTIVE",
        sseConfig: { type: "KMS" },
        eTagAlgorithmFamily: "MD5up",
        creationTime: time,
        updateTime: time,
      };
      if (insert.run(toRow(store, `seed-${i}`, "seed")).changes === 1) ids.push(id);
    }
  });
  for (let from = 0; from < count; from += 50_000) batch(from, Math.min(count, from + 50_000));
  db.prepare(
    `INSERT INTO account_usage (account_id, sequence_store_count) VALUES (?, ?)
     ON CONFLICT (account_id) DO UPDATE SET sequence_store_count = excluded.sequence_store_count`,
  ).run(ACCOUNT, ids.length);
  return ids;
}

interface SizeResult {
  stores: number;
  seedSeconds: number;
  create: Percentiles;
  get: Percentiles;
  listPage: Percentiles;
  listPageByName: Percentiles;
}

async function run(size: number, dir: string): Promise<SizeResult> {
  const db = openDatabase(path.join(dir, `lifecycle-${size}.db`), { durability: "normal" });
  const seedStart = performance.now();
  const seeded = seed(db, size);
  const seedSeconds = Math.round((performance.now() - seedStart) / 100) / 10;
  const repository = new SqliteSequenceStoreRepository(db);
  const handlers = createOmicsHandlers({ repository, maxStores: Number.MAX_SAFE_INTEGER });
  const context: ReferenceContext = {
    requestId: "bench",
    operationName: "bench",
    accountId: ACCOUNT,
    region: REGION,
  };

  const created: string[] = [];
  const create = await measure(SAMPLES.create, async (i) => {
    const store = await handlers.createSequenceStore(
      { name: `bench-${i % EMPTY_NAME_GROUPS}`, clientToken: `bench-${size}-${i}` },
      context,
    );
    created.push(store.id);
  });
  // Reads pick stores across the whole table (a multiplicative stride visits it evenly).
  const ids = seeded.length > 0 ? seeded : created;
  const get = await measure(SAMPLES.get, (i) =>
    handlers.getSequenceStore({ id: ids[(i * 7919) % ids.length]! }, context),
  );

  // A page that starts at a random point: a token for a store in the middle of the table, made as the
  // server makes them.
  const secret = await repository.secret("list-token");
  const tokenAfter = (i: number, filter: Record<string, string>): string | undefined => {
    if (seeded.length === 0) return undefined;
    const position = (i * 7919) % seeded.length;
    const binding = { secret, accountId: ACCOUNT, filterHash: requestFingerprint(filter) };
    return encodeListToken(binding, { creationTime: new Date(SEED_TIME + position), id: "0" });
  };
  const listPage = await measure(SAMPLES.list, (i) => {
    const nextToken = tokenAfter(i, {});
    return handlers.listSequenceStores({ maxResults: 100, ...(nextToken ? { nextToken } : {}) }, context);
  });
  const listPageByName = await measure(SAMPLES.list, (i) => {
    const filter = { name: seeded.length > 0 ? `group-${i % NAME_GROUP}` : `bench-${i % EMPTY_NAME_GROUPS}` };
    const nextToken = tokenAfter(i, filter);
    return handlers.listSequenceStores(
      { maxResults: 100, filter, ...(nextToken ? { nextToken } : {}) },
      context,
    );
  });
  await repository.close();
  return { stores: size, seedSeconds, create, get, listPage, listPageByName };
}

const dir = mkdtempSync(path.join(tmpdir(), "seqstore-bench-lifecycle-"));
try {
  const empty = await run(0, dir);
  const large = await run(largeSize, dir);
  const ratio = (key: "create" | "get" | "listPage" | "listPageByName") =>
    Math.round((large[key].p50Ms / empty[key].p50Ms) * 100) / 100;
  const ratios = {
    create: ratio("create"),
    get: ratio("get"),
    listPage: ratio("listPage"),
    listPageByName: ratio("listPageByName"),
  };
  const results = {
    benchmark: "sequence store lifecycle (handlers + SQLite, no HTTP)",
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    durability: "normal",
    samples: SAMPLES,
    pageSize: 100,
    targets: { p50RatioAtLargeMax: TARGET_RATIO, listPageP50MaxMs: TARGET_LIST_PAGE_MS },
    empty,
    large,
    p50Ratios: ratios,
    meetsTargets: {
      ratios: Object.values(ratios).every((r) => r <= TARGET_RATIO),
      listPage:
        large.listPage.p50Ms <= TARGET_LIST_PAGE_MS && large.listPageByName.p50Ms <= TARGET_LIST_PAGE_MS,
    },
  };
  mkdirSync(path.dirname(output), { recursive: true });
  writeFileSync(output, `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
  console.log(`written to ${output}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
