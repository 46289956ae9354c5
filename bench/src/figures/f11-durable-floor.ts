import type { Figure } from "./figure.js";
import { ALTERNATION_NOTE, compareHttp } from "./http-comparison.js";
import { startBenchServer } from "./servers.js";
import { cpuNote, referenceServerLauncher } from "./storage-sides.js";

export const durableFloorFigure: Figure = {
  number: 11,
  id: "durable-floor",
  title: "Reference server creates vs the minimal durable server",
  measures:
    "req/s of unique SigV4-signed CreateSequenceStore calls against bin/seqstore-server.js on SQLite (verify, validate, handle, quota, idempotency, durable insert: each answer only after an fdatasync of the WAL that covers its commit) vs src/servers/durable-floor.ts (node:http, JSON.parse, a client-token lookup and one insert per create, group commit, the same fdatasync before each answer; no SigV4, validation, handler or quota), same load on the same machine, with CPU per create of each.",
  unit: "req/s",
  better: "higher",
  target: { kind: "ratio", op: ">=", value: 0.8, text: "≥ 0.80×" },
  async run(context) {
    const reference = await referenceServerLauncher(context);
    const result = await compareHttp(
      context,
      {
        ours: reference.side("seqstore-server (SQLite)", undefined),
        baseline: {
          label: "minimal durable server",
          start: () => startBenchServer("durable-floor", [context.scratchDir]),
        },
      },
      "signed-create",
    );
    const cpu = cpuNote(result.ours, result.baseline);
    const notes = [
      ALTERNATION_NOTE,
      "The floor is what a durable create costs here at the least: the same durable write (WAL, group commit, fdatasync before the answer) with nothing else; the reference server adds SigV4, the stub's routing and validation, the handler, the quota, the idempotency fingerprint and the full response. On two CPUs the load process shares the machine, so CPU per create decides the rate.",
      ...(cpu ? [cpu.note] : []),
      ...(reference.verifies
        ? []
        : ["The reference server offers no SigV4 option (its --help), so it ran without verifying."]),
    ];
    return {
      status: "measured",
      ours: result.ours,
      baseline: result.baseline,
      notes,
      extra: { serverVerifiesSigV4: reference.verifies, ...(cpu?.extra ?? {}) },
    };
  },
};
