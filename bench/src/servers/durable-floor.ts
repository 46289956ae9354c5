// Reference point of figure 3: the least a durable create costs on this machine. Raw node:http reads the
// body, parses it, looks the client token up and inserts a row when it is new, and answers only once an
// fdatasync of the SQLite write-ahead log covers that insert. There is no SigV4, no validation, no handler,
// no quota, no error mapping: what is left is the wait for the disk that every durable implementation pays
// before it may answer, so its rate against the echo is the ceiling durable writes alone set here.
//
// The write path follows the reference server's (apps/reference-server/src/storage/sqlite): WAL with
// synchronous=NORMAL plus our own fdatasync of the -wal file on libuv's thread pool, one BEGIN IMMEDIATE
// transaction per event-loop turn (group commit), and while a sync is in flight new writes wait and share the
// next commit. The table keeps the indexes a create has to update there (the unique client token and the
// three list orders), so each insert writes about as many pages to the log. Checkpoints are SQLite's own
// auto-checkpoint: the reference server's checkpoint worker thread measured slower for this server on the
// 2-core bench machine (it competes for the CPU), and a reference point must not be handicapped.
//   node --import tsx src/servers/durable-floor.ts <database directory>
import { fdatasync, mkdirSync, openSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { BENCH_ACCOUNT_ID, BENCH_REGION } from "../load/credentials.js";
import { listenAndAnnounce } from "./announce.js";

const [databaseDir] = process.argv.slice(2);
if (!databaseDir) {
  // Never a default: the database belongs in the figure's scratch directory, not next to the sources.
  process.stderr.write("usage: durable-floor.ts <database directory>\n");
  process.exit(2);
}
mkdirSync(databaseDir, { recursive: true });
const databaseFile = path.join(databaseDir, "durable-floor.db");

const db = new Database(databaseFile);
db.pragma("journal_mode = WAL");
// SQLite appends each commit to the log without syncing it; the fdatasync below makes it durable.
db.pragma("synchronous = NORMAL");
db.exec(`
  CREATE TABLE IF NOT EXISTS stores (
    row_number INTEGER PRIMARY KEY,
    account_id TEXT NOT NULL,
    id TEXT NOT NULL,
    arn TEXT NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    client_token TEXT,
    creation_time INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX IF NOT EXISTS stores_client_token
    ON stores (account_id, client_token) WHERE client_token IS NOT NULL;
  CREATE INDEX IF NOT EXISTS stores_creation ON stores (account_id, creation_time, id);
  CREATE INDEX IF NOT EXISTS stores_name_creation ON stores (account_id, name, creation_time, id);
  CREATE INDEX IF NOT EXISTS stores_status_creation ON stores (account_id, status, creation_time, id);
`);

interface StoreRow {
  row_number: number;
  account_id: string;
  id: string;
  arn: string;
  name: string;
  status: string;
  client_token: string | null;
  creation_time: number;
}

const byToken = db.prepare<[string, string], StoreRow>(
  "SELECT * FROM stores WHERE account_id = ? AND client_token = ?",
);
const insert = db.prepare<StoreRow>(
  `INSERT INTO stores (row_number, account_id, id, arn, name, status, client_token, creation_time)
   VALUES (@row_number, @account_id, @id, @arn, @name, @status, @client_token, @creation_time)`,
);
// This process is the database's only writer, so row numbers (and the ids derived from them) come from a
// counter in memory.
let lastRowNumber = (
  db.prepare("SELECT COALESCE(MAX(row_number), 0) AS n FROM stores").get() as { n: number }
).n;

interface PendingCreate {
  name: string;
  clientToken: string | undefined;
  answer(store: StoreRow): void;
  fail(): void;
}

/** One transaction for a whole batch: a replayed token answers the stored row, a new one inserts. */
const commitBatch = db.transaction((batch: PendingCreate[]): StoreRow[] =>
  batch.map((create) => {
    if (create.clientToken !== undefined) {
      const previous = byToken.get(BENCH_ACCOUNT_ID, create.clientToken);
      if (previous !== undefined) return previous;
    }
    const rowNumber = ++lastRowNumber;
    const id = String(1_000_000_000 + rowNumber);
    const row: StoreRow = {
      row_number: rowNumber,
      account_id: BENCH_ACCOUNT_ID,
      id,
      arn: `arn:aws:omics:${BENCH_REGION}:${BENCH_ACCOUNT_ID}:sequenceStore/${id}`,
      name: create.name,
      status: "ACTIVE",
      client_token: create.clientToken ?? null,
      creation_time: Date.now(),
    };
    insert.run(row);
    return row;
  }),
);

// The log exists once the schema above is in it; SQLite keeps that file (it resets it after a checkpoint,
// never replaces it) while this connection is open.
const walFd = openSync(`${databaseFile}-wal`, "r");

let pending: PendingCreate[] = [];
let commitScheduled = false;
let syncing = false;
/** After a failed fdatasync nothing later can be proven durable: every later write fails too. */
let syncFailed = false;

function enqueue(create: PendingCreate): void {
  if (syncFailed) {
    create.fail();
    return;
  }
  pending.push(create);
  if (commitScheduled) return;
  commitScheduled = true;
  // After the poll phase, so every request whose body arrived in this turn is in the batch. While a sync
  // runs, the commit waits for it (started from its callback below).
  if (!syncing) setImmediate(commitPending);
}

function commitPending(): void {
  commitScheduled = false;
  const batch = pending;
  pending = [];
  if (batch.length === 0) return;
  let stores: StoreRow[];
  try {
    stores = commitBatch.immediate(batch);
  } catch {
    for (const create of batch) create.fail();
    return;
  }
  syncing = true;
  fdatasync(walFd, (error) => {
    syncing = false;
    if (error) syncFailed = true;
    batch.forEach((create, i) => {
      if (error) create.fail();
      else create.answer(stores[i]!);
    });
    if (commitScheduled) setImmediate(commitPending);
  });
}

function sendJson(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "application/json" }).end(body);
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    let input: { name?: unknown; clientToken?: unknown };
    try {
      input = JSON.parse(Buffer.concat(chunks).toString("utf8")) as typeof input;
    } catch {
      sendJson(res, 400, '{"message":"bad json"}');
      return;
    }
    const { name, clientToken } = input ?? {};
    if (typeof name !== "string" || (clientToken !== undefined && typeof clientToken !== "string")) {
      sendJson(res, 400, '{"message":"name must be a string, clientToken a string when given"}');
      return;
    }
    enqueue({
      name,
      clientToken,
      answer: (store) =>
        sendJson(
          res,
          200,
          JSON.stringify({
            id: store.id,
            arn: store.arn,
            name: store.name,
            creationTime: new Date(store.creation_time).toISOString(),
            status: store.status,
          }),
        ),
      fail: () => sendJson(res, 500, '{"message":"the write did not reach the disk"}'),
    });
  });
});

listenAndAnnounce(server);
