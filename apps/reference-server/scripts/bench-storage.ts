// Storage scale check: per-call latency of create / get / list with a small table and with a large one.
// Flat numbers mean the indexes do their job. Run: npx tsx scripts/bench-storage.ts [rows=1000000]
// (takes about a minute and ~1 GB of temporary disk for a million rows). Prints a table; asserts nothing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { drawSequenceStoreId, sequenceStoreIdentity } from "../src/handlers/store-identity.js";
import { openDatabase } from "../src/storage/sqlite/open-database.js";
import { storeRowValues, toRow } from "../src/storage/sequence-store-row.js";
import { SqliteSequenceStoreRepository } from "../src/storage/sqlite/sqlite-sequence-store-repository.js";
import { SQL } from "../src/storage/sqlite/statements.js";

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const large = Number(process.argv[2] ?? 1_000_000);
const sizes = [1_000, large];
const dir = mkdtempSync(path.join(tmpdir(), "seqstore-bench-"));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(samples: number, call: (i: number) => Promise<unknown>): Promise<string> {
  const durations: number[] = [];
  for (let i = 0; i < samples; i++) {
    const start = performance.now();
    await call(i);
    durations.push((performance.now() - start) * 1000);
  }
  durations.sort((a, b) => a - b);
  return `p50 ${percentile(durations, 50).toFixed(1)} µs, p99 ${percentile(durations, 99).toFixed(1)} µs`;
}

/** Fills the table fast with plain inserts in large transactions (the repository path is timed later). */
function fill(db: ReturnType<typeof openDatabase>, rows: number): string[] {
  const insert = db.prepare(SQL.insert);
  const setUsage = db.prepare(SQL.setUsage);
  const ids: string[] = [];
  const base = Date.UTC(2024, 0, 1);
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = drawSequenceStoreId();
      const now = new Date(base + i);
      const identity = sequenceStoreIdentity({ region: REGION, accountId: ACCOUNT, id });
      const store = {
        accountId: ACCOUNT,
        id,
        ...identity,
        name: `store-${i}`,
        status: "ACTIVE",
        sseConfig: { type: "KMS" },
        eTagAlgorithmFamily: "MD5up",
        creationTime: now,
        updateTime: now,
      };
      if (insert.run(...storeRowValues(i + 1, toRow(store, `token-${i}`, "hash"))).changes === 1) {
        ids.push(id);
        setUsage.run(ACCOUNT, ids.length);
      }
    }
  });
  for (let from = 0; from < rows; from += 50_000) batch(from, Math.min(rows, from + 50_000));
  // The repository numbers the rows it inserts after the last one handed out.
  db.prepare("UPDATE counters SET value = ? WHERE name = 'sequence_store_row'").run(rows);
  return ids;
}

for (const rows of sizes) {
  const file = path.join(dir, `bench-${rows}.db`);
  const db = openDatabase(file, { durability: "normal" });
  const fillStart = performance.now();
  const ids = fill(db, rows);
  const fillSeconds = ((performance.now() - fillStart) / 1000).toFixed(1);
  const repo = new SqliteSequenceStoreRepository(db);
  const pick = (i: number) => ids[(i * 7919) % ids.length]!;

  const create = await time(2_000, (i) =>
    repo.create({
      accountId: ACCOUNT,
      clientToken: `bench-${i}`,
      requestHash: "hash",
      maxStores: Number.MAX_SAFE_INTEGER,
      draft: { name: `bench-${i}`, status: "ACTIVE" },
      newId: drawSequenceStoreId,
      identify: (id) => sequenceStoreIdentity({ region: REGION, accountId: ACCOUNT, id }),
      now: new Date(),
    }),
  );
  const replay = await time(2_000, (i) =>
    repo.create({
      accountId: ACCOUNT,
      clientToken: `token-${(i * 7919) % rows}`,
      requestHash: "hash",
      maxStores: Number.MAX_SAFE_INTEGER,
      draft: { name: "ignored", status: "ACTIVE" },
      newId: drawSequenceStoreId,
      identify: (id) => sequenceStoreIdentity({ region: REGION, accountId: ACCOUNT, id }),
      now: new Date(),
    }),
  );
  const get = await time(10_000, (i) => repo.get(ACCOUNT, pick(i)));
  const firstPage = await time(1_000, () => repo.list(ACCOUNT, { limit: 100 }));
  const base = Date.UTC(2024, 0, 1);
  const laterPage = await time(1_000, (i) =>
    repo.list(ACCOUNT, {
      limit: 100,
      after: { creationTime: new Date(base + ((i * 7919) % rows)), id: "0" },
    }),
  );
  await repo.close();
  console.log(`rows=${rows} (filled in ${fillSeconds} s, durability=normal)`);
  console.log(`  create (new token)      ${create}`);
  console.log(`  create (replayed token) ${replay}`);
  console.log(`  get                     ${get}`);
  console.log(`  list first 100          ${firstPage}`);
  console.log(`  list 100 after a key    ${laterPage}`);
}
rmSync(dir, { recursive: true, force: true });
