// Lifecycle scale benchmark: p50/p99 of CreateSequenceStore, GetSequenceStore and one ListSequenceStores page
// (plain and filtered by name), through the real handlers and SQLite repository (no HTTP), in a small
// database ("empty": a fresh file holding BASELINE_STORES stores, so reads have something to read) and in one
// holding a million stores. Flat numbers mean the indexes do their job. Not a test; CI does not run it.
//
//   npx tsx apps/reference-server/scripts/bench-lifecycle.ts [results.json] [--stores N] [--rounds R]
//
// Method, so that the two sides measure the same thing:
// - both databases are seeded by the same code, opened with the same settings, in the same process;
// - the sides are measured interleaved: each operation alternates between the two sides in blocks of BLOCK
//   calls (the leading side flipping every block), so load from elsewhere on a shared machine, CPU frequency
//   changes and the GC land on both; each block starts with a few untimed calls, and one unreported warm-up
//   round precedes the reported ones;
// - identical access patterns: Get of uniformly random existing ids, List pages starting at uniformly random
//   positions (always a full page), creates with the same names; the stores a round created are deleted
//   (untimed) after it, so the small side stays small;
// - only the handler call is timed: the request it gets (a fresh id string, a signed list token) is built
//   before the clock starts, as a client and the HTTP layer would have built it;
// - the report gives each round's p50/p99 and p50 ratio; `empty`/`large` hold the median over the rounds
//   of each percentile, `p50Ratios` is the ratio of those medians (what the bench figure checks), and
//   `medianRoundP50Ratios` the median of the per-round ratios (a cross-check less sensitive to one bad round).
//
// Writes JSON (default: bench/results/lifecycle.json at the repository root). Seeding a million stores takes
// about a minute and ~1 GB of temporary disk. Durability "normal": a create's fsync would measure the disk,
// not the indexes.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type Database from "better-sqlite3";
import { encodeListToken } from "../src/handlers/list-token.js";
import { createOmicsHandlers, type ReferenceContext } from "../src/handlers/omics-handlers.js";
import { requestFingerprint } from "../src/handlers/request-fingerprint.js";
import { sequenceStoreIdentity } from "../src/handlers/store-identity.js";
import { openDatabase } from "../src/storage/sqlite/open-database.js";
import { storeRowValues, toRow } from "../src/storage/sequence-store-row.js";
import { SqliteSequenceStoreRepository } from "../src/storage/sqlite/sqlite-sequence-store-repository.js";
import { SQL } from "../src/storage/sqlite/statements.js";
import { StoreIdCipher } from "../src/storage/store-id-cipher.js";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const SEED_TIME = Date.UTC(2024, 0, 1);
/** Stores in the "empty" database: few enough to sit in the CPU caches, enough to read pages from. */
const BASELINE_STORES = 1_000;
/** Stores cycle through this many names (seeded and created alike), so a name filter fills a page at both sizes. */
const NAME_GROUPS = 5;
const PAGE_SIZE = 100;
const TARGET_RATIO = 1.2;
const TARGET_LIST_PAGE_MS = 5;
const OPERATIONS = ["create", "get", "listPage", "listPageByName"] as const;
type Operation = (typeof OPERATIONS)[number];
/** Timed calls per operation, side and round. */
const SAMPLES: Record<Operation, number> = { create: 500, get: 3_000, listPage: 400, listPageByName: 400 };
/** Timed calls in a row on one side before switching to the other. */
const BLOCK = 50;
/** Untimed calls at the start of each block. */
const BLOCK_WARMUP = 5;

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const args = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const at = args.indexOf(name);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const largeSize = flag("--stores", 1_000_000);
const rounds = flag("--rounds", 6);
const outputArg = args.find((arg, i) => !arg.startsWith("--") && !args[i - 1]?.startsWith("--"));
const output = path.resolve(outputArg ?? path.join(repoRoot, "bench/results/lifecycle.json"));
if (!(largeSize > BASELINE_STORES) || !(rounds >= 1)) {
  throw new Error(`--stores must exceed ${BASELINE_STORES} and --rounds must be at least 1`);
}

/** A small seeded PRNG (mulberry32): both sides draw the same sequence of positions. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

interface Percentiles {
  p50Ms: number;
  p99Ms: number;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;
/** Milliseconds to 0.1 µs: a Get takes about 10 µs, so whole microseconds would move its ratio by 10%. */
const roundMs = (value: number) => Math.round(value * 10_000) / 10_000;

function percentiles(durations: number[]): Percentiles {
  const sorted = [...durations].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return { p50Ms: roundMs(at(50)), p99Ms: roundMs(at(99)) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Call i of one operation: builds the request untimed (what a client and the HTTP layer would have done:
 * picking an id, signing a list token) and returns the timed part, which runs the handler.
 */
type Call = (i: number) => () => Promise<unknown>;

/**
 * Times `samples` calls on each side, alternating sides in blocks of BLOCK calls (which side leads flips
 * from block to block), so a burst of load from elsewhere on the machine lands on both sides alike. Each
 * block starts with BLOCK_WARMUP untimed calls, so it measures that side with its own pages warm.
 */
async function measurePair(samples: number, small: Call, large: Call): Promise<[Percentiles, Percentiles]> {
  const durations: [number[], number[]] = [[], []];
  let i = 0;
  for (let block = 0; i < samples; block++) {
    const count = Math.min(BLOCK, samples - i);
    for (const side of block % 2 === 0 ? [0, 1] : [1, 0]) {
      const call = side === 0 ? small : large;
      for (let w = 0; w < BLOCK_WARMUP; w++) await call(samples + w)();
      for (let j = i; j < i + count; j++) {
        const run = call(j);
        const start = performance.now();
        await run();
        durations[side]!.push(performance.now() - start);
      }
    }
    i += count;
  }
  return [percentiles(durations[0]), percentiles(durations[1])];
}

/**
 * Bulk insert with the repository's own statement, 50 000 rows a transaction: row n holds the id the
 * repository derives for row n (as the server's creates would), and the row counter ends at `count`.
 * Returns the ids in order.
 */
function seed(db: Database.Database, count: number, ids: StoreIdCipher): string[] {
  const insert = db.prepare(SQL.insert);
  const seeded: string[] = [];
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = ids.idForRow(i + 1);
      const time = new Date(SEED_TIME + i);
      const store = {
        accountId: ACCOUNT,
        id,
        ...sequenceStoreIdentity({ region: REGION, accountId: ACCOUNT, id }),
        name: `group-${i % NAME_GROUPS}`,
        status: "ACTIVE",
        sseConfig: { type: "KMS" },
        eTagAlgorithmFamily: "MD5up",
        creationTime: time,
        updateTime: time,
      };
      insert.run(...storeRowValues(i + 1, toRow(store, `seed-${i}`, "seed")));
      seeded.push(id);
    }
  });
  for (let from = 0; from < count; from += 50_000) batch(from, Math.min(count, from + 50_000));
  db.prepare(
    `INSERT INTO account_usage (account_id, sequence_store_count) VALUES (?, ?)
     ON CONFLICT (account_id) DO UPDATE SET sequence_store_count = excluded.sequence_store_count`,
  ).run(ACCOUNT, seeded.length);
  db.prepare("UPDATE counters SET value = ? WHERE name = 'sequence_store_row'").run(count);
  return seeded;
}

type SideResult = Record<Operation, Percentiles>;

const context: ReferenceContext = {
  requestId: "bench",
  operationName: "bench",
  accountId: ACCOUNT,
  region: REGION,
};

interface Side {
  stores: number;
  seedSeconds: number;
  database: Record<string, number | string>;
  repository: SqliteSequenceStoreRepository;
  /** The call that one operation is timed with in a round. */
  calls: Record<Operation, (round: number) => Call>;
  dropCreated(): Promise<void>;
}

/** How big the file is next to the memory SQLite may use for it: beyond mmap_size, pages are read(). */
function databaseFacts(db: Database.Database, file: string): Record<string, number | string> {
  db.pragma("wal_checkpoint(TRUNCATE)");
  const pageSize = db.pragma("page_size", { simple: true }) as number;
  const pageCount = db.pragma("page_count", { simple: true }) as number;
  const cacheSize = db.pragma("cache_size", { simple: true }) as number;
  const facts: Record<string, number | string> = {
    fileMiB: Math.round(statSync(file).size / 2 ** 20),
    pageSize,
    pageCount,
    mmapSizeMiB: Math.round((db.pragma("mmap_size", { simple: true }) as number) / 2 ** 20),
    cacheSizeMiB: Math.round((cacheSize < 0 ? -cacheSize * 1024 : cacheSize * pageSize) / 2 ** 20),
  };
  try {
    const objects = db
      .prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC")
      .all() as Array<{ name: string; bytes: number }>;
    for (const { name, bytes } of objects) facts[`${name}MiB`] = Math.round((bytes / 2 ** 20) * 10) / 10;
  } catch {
    facts.dbstat = "not compiled in";
  }
  return facts;
}

async function prepareSide(stores: number, dir: string): Promise<Side> {
  const file = path.join(dir, `lifecycle-${stores}.db`);
  const db = openDatabase(file, { durability: "normal" });
  const repository = new SqliteSequenceStoreRepository(db);
  const seedStart = performance.now();
  const seeded = seed(db, stores, new StoreIdCipher(await repository.secret("store-id")));
  const seedSeconds = Math.round((performance.now() - seedStart) / 100) / 10;
  const database = databaseFacts(db, file);
  const handlers = createOmicsHandlers({ repository, maxStores: Number.MAX_SAFE_INTEGER });
  const secret = await repository.secret("list-token");
  /** A token resuming after the store at `position` (creation time SEED_TIME + position), made as the server makes them. */
  const tokenAt = (position: number, filter: Record<string, string>): string | undefined => {
    if (position === 0) return undefined;
    const binding = { secret, accountId: ACCOUNT, filterHash: requestFingerprint(filter) };
    return encodeListToken(binding, { creationTime: new Date(SEED_TIME + position - 1), id: "9999999999" });
  };

  let created: string[] = [];
  const calls: Record<Operation, (round: number) => Call> = {
    create: (round) => (i) => {
      const input = { name: `group-${i % NAME_GROUPS}`, clientToken: `bench-${round}-${created.length}` };
      return async () => {
        created.push((await handlers.createSequenceStore(input, context)).id);
      };
    },
    get: (round) => {
      const pick = random(round);
      return () => {
        // A fresh copy, as a request's parsed path gives the handler: the array's own strings of a million
        // ids are cold in the CPU caches, which would time the benchmark's array, not the lookup.
        const id = Buffer.from(seeded[Math.floor(pick() * seeded.length)]!).toString();
        return () => handlers.getSequenceStore({ id }, context);
      };
    },
    // Start positions leave room for a full page (and, filtered, a full page of one name).
    listPage: (round) => {
      const pick = random(round);
      return () => {
        const nextToken = tokenAt(Math.floor(pick() * (seeded.length - PAGE_SIZE)), {});
        const input = { maxResults: PAGE_SIZE, ...(nextToken ? { nextToken } : {}) };
        return () => handlers.listSequenceStores(input, context);
      };
    },
    listPageByName: (round) => {
      const pick = random(round);
      return (i) => {
        const filter = { name: `group-${i % NAME_GROUPS}` };
        const nextToken = tokenAt(Math.floor(pick() * (seeded.length - PAGE_SIZE * NAME_GROUPS)), filter);
        const input = { maxResults: PAGE_SIZE, filter, ...(nextToken ? { nextToken } : {}) };
        return () => handlers.listSequenceStores(input, context);
      };
    },
  };
  /** Untimed: takes a round's creates back out, so every round (and side) starts from the seeded size. */
  async function dropCreated(): Promise<void> {
    const now = new Date();
    await Promise.all(created.map((id) => repository.delete({ accountId: ACCOUNT, id, now })));
    created = [];
  }

  return { stores, seedSeconds, database, repository, calls, dropCreated };
}

function summarize(side: Side, results: SideResult[]) {
  const summary: Record<string, unknown> = {
    stores: side.stores,
    seedSeconds: side.seedSeconds,
    database: side.database,
  };
  for (const op of OPERATIONS) {
    summary[op] = {
      p50Ms: roundMs(median(results.map((r) => r[op].p50Ms))),
      p99Ms: roundMs(median(results.map((r) => r[op].p99Ms))),
    };
  }
  return summary as Record<Operation, Percentiles> & Record<string, unknown>;
}

const dir = mkdtempSync(path.join(tmpdir(), "seqstore-bench-lifecycle-"));
try {
  const small = await prepareSide(BASELINE_STORES, dir);
  const large = await prepareSide(largeSize, dir);
  console.error(`seeded ${largeSize} stores in ${large.seedSeconds} s: ${JSON.stringify(large.database)}`);
  const perRound: Array<{ round: number; empty: SideResult; large: SideResult }> = [];
  for (let round = 0; round <= rounds; round++) {
    const empty = {} as SideResult;
    const big = {} as SideResult;
    for (const op of OPERATIONS) {
      [empty[op], big[op]] = await measurePair(SAMPLES[op], small.calls[op](round), large.calls[op](round));
    }
    await small.dropCreated();
    await large.dropCreated();
    // Round 0 warms both sides up and is not reported.
    if (round === 0) continue;
    const entry = { round, empty, large: big };
    perRound.push(entry);
    const ratios = OPERATIONS.map((op) => `${op} ${(big[op].p50Ms / empty[op].p50Ms).toFixed(2)}`);
    console.error(`round ${round}: p50 ratios ${ratios.join(", ")}`);
  }
  await small.repository.close();
  await large.repository.close();

  const emptySummary = summarize(
    small,
    perRound.map((r) => r.empty),
  );
  const largeSummary = summarize(
    large,
    perRound.map((r) => r.large),
  );
  const ratioOf = (op: Operation) => round3(largeSummary[op].p50Ms / emptySummary[op].p50Ms);
  const p50Ratios = Object.fromEntries(OPERATIONS.map((op) => [op, ratioOf(op)])) as Record<
    Operation,
    number
  >;
  const results = {
    benchmark: "sequence store lifecycle (handlers + SQLite, no HTTP)",
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    durability: "normal",
    method:
      `"empty" = a fresh database seeded with ${BASELINE_STORES} stores; ${rounds} rounds after one warm-up round; within a round each op alternates between the sides in blocks of ${BLOCK} timed calls (${BLOCK_WARMUP} untimed first); ` +
      "Get of random existing ids and List pages at random positions on both sides; empty/large = median over rounds of each percentile.",
    samplesPerSidePerRound: SAMPLES,
    block: BLOCK,
    blockWarmup: BLOCK_WARMUP,
    rounds,
    pageSize: PAGE_SIZE,
    targets: { p50RatioAtLargeMax: TARGET_RATIO, listPageP50MaxMs: TARGET_LIST_PAGE_MS },
    empty: emptySummary,
    large: largeSummary,
    p50Ratios,
    medianRoundP50Ratios: Object.fromEntries(
      OPERATIONS.map((op) => [
        op,
        round3(median(perRound.map((r) => r.large[op].p50Ms / r.empty[op].p50Ms))),
      ]),
    ),
    perRound: perRound.map((entry) => ({
      ...entry,
      p50Ratios: Object.fromEntries(
        OPERATIONS.map((op) => [op, round3(entry.large[op].p50Ms / entry.empty[op].p50Ms)]),
      ),
    })),
    meetsTargets: {
      ratios: Object.values(p50Ratios).every((r) => r <= TARGET_RATIO),
      listPage:
        largeSummary.listPage.p50Ms <= TARGET_LIST_PAGE_MS &&
        largeSummary.listPageByName.p50Ms <= TARGET_LIST_PAGE_MS,
    },
  };
  mkdirSync(path.dirname(output), { recursive: true });
  writeFileSync(output, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    JSON.stringify(
      {
        empty: emptySummary,
        large: largeSummary,
        p50Ratios,
        medianRoundP50Ratios: results.medianRoundP50Ratios,
      },
      null,
      2,
    ),
  );
  console.log(`written to ${output}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
