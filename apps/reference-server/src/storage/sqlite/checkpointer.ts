// Checkpoints of the write-ahead log on a worker thread with its own connection, instead of SQLite's
// auto-checkpoint, which runs inside the commit that crosses 1000 pages: copying the log into the database
// and two fsyncs, all on the event loop. A PASSIVE checkpoint never blocks writers; SQLite syncs the log
// before copying and the database after, so a checkpoint never loses a commit, whoever made it durable.
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** How often the worker checkpoints; the log grows by at most this much traffic between two checkpoints. */
export const CHECKPOINT_INTERVAL_MS = 100;

// CommonJS evaluated in the worker (an eval worker runs the same in the tests, on src/, and from dist/).
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 0");
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
const run = () => {
  try {
    checkpoint.run();
  } catch {
    // Busy or a transient I/O error: the next tick tries again; SQLite leaves the log consistent.
  }
};
const timer = setInterval(run, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  run();
  db.close();
  parentPort.close();
});
`;

export class Checkpointer {
  readonly #worker: Worker;
  readonly #exited: Promise<void>;

  /** `onFailure`: the worker died; the caller turns SQLite's auto-checkpoint back on. */
  constructor(databaseFile: string, onFailure: () => void, intervalMs = CHECKPOINT_INTERVAL_MS) {
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    this.#worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver, file: databaseFile, intervalMs },
    });
    this.#exited = new Promise<void>((resolve) => this.#worker.once("exit", () => resolve()));
    this.#worker.on("error", onFailure);
    this.#worker.unref();
  }

  /** Runs a last checkpoint, closes the worker's connection and waits for the thread to end. */
  async close(): Promise<void> {
    // Held by the worker until it exits: an unref'd worker alone would let the process end mid-close.
    this.#worker.ref();
    this.#worker.postMessage("stop");
    await this.#exited;
  }
}
