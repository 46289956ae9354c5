import { CONNECTIONS } from "../load/autocannon.js";
import { benchFile } from "../paths.js";
import { runForJson, tsxArgs } from "../process/child.js";
import { formatNumber } from "../report/format.js";
import { median } from "../stats.js";
import { machineInfo } from "../machine.js";
import type { SeriesInput } from "../types.js";
import { type CpuPerRequest, cpuBudget } from "./cpu-budget.js";
import { fsyncMillis } from "./fsync-probe.js";
import type { Figure } from "./figure.js";
import { ALTERNATION_NOTE, compareHttp, LOAD_CPU, SERVER_CPU } from "./http-comparison.js";
import { referenceServerHelp, sigV4Args, startReferenceServer } from "./reference-server.js";
import { startBenchServer } from "./servers.js";

export const referenceServerFigure: Figure = {
  number: 3,
  id: "reference-server",
  title: "Reference server end-to-end vs raw node:http JSON echo",
  measures:
    "req/s of unique CreateSequenceStore calls (each a new name + client token: idempotency lookup + durable SQLite insert: WAL, each answer sent only after an fdatasync of the log that covers its commit) against bin/seqstore-server.js, vs a raw node:http server that parses and echoes the JSON; autocannon (10 connections, its own process) signs every request with SigV4 at send time, identical traffic for both servers. Reported, no target: the echo writes nothing to disk, so no durable server can come near it on this machine; figure 11 holds the reference server to the minimal durable server instead.",
  unit: "req/s",
  better: "higher",
  target: { kind: "report", op: ">=", value: 0, text: "report" },
  async run(context) {
    const help = await referenceServerHelp();
    // Older servers had no auth at all; then the verify cost is only measured apart (see notes).
    const { verifies, args: serverArgs } = sigV4Args(help, context.scratchDir);
    const echo = { label: "raw node:http JSON echo", start: () => startBenchServer("json-echo") };
    const result = await compareHttp(
      context,
      {
        ours: {
          label: "seqstore-server (SQLite)",
          start: () => startReferenceServer(help, context.scratchDir, serverArgs),
        },
        baseline: echo,
      },
      "signed-create",
    );
    // Reference point, measured against the same baseline with the same load: a server that does nothing but
    // the durable insert (src/servers/durable-floor.ts). Its ratio is the most any durable server can reach
    // on this machine, whatever its own code costs.
    context.log("reference point: minimal durable server (node:http + SQLite insert + WAL fdatasync)");
    const floor = await compareHttp(
      context,
      {
        ours: {
          label: "minimal durable server (node:http + SQLite + fdatasync)",
          start: () => startBenchServer("durable-floor", [context.scratchDir]),
        },
        baseline: echo,
      },
      "signed-create",
    );
    const verify = (await runForJson(
      process.execPath,
      tsxArgs(benchFile("src/workers/sigv4-verify.ts"), [context.options.quick ? "500" : "2000"]),
      { what: "SigV4 verify timing", timeoutMs: 60_000 },
    )) as { microsPerVerify: number };

    const fsyncMs = fsyncMillis(context.scratchDir);
    const p99 = (side: typeof result.ours) => median(side.details?.p99Ms ?? []);
    const p99Ratio = p99(result.ours) / p99(result.baseline);
    const rate = (side: typeof result.ours) => median(side.rounds);
    const floorRatio = rate(floor.ours) / rate(floor.baseline);
    const referenceOfFloor = rate(result.ours) / rate(floor.ours);
    const notes = [
      ALTERNATION_NOTE,
      verifies
        ? `The server verified every SigV4 signature (--auth sigv4); in-process a verification costs ${verify.microsPerVerify.toFixed(1)} µs (median), included in the figure.`
        : `SigV4 verification in-process costs ${verify.microsPerVerify.toFixed(1)} µs per request (median).`,
    ];
    notes.push(
      `A 4 KiB write + fdatasync takes ${fsyncMs.toFixed(2)} ms on this disk (median): every create is durable before it is answered (the server fdatasyncs the SQLite WAL off its event loop after each group commit), so a serial writer waiting for one sync per commit would be capped near ${Math.round(1000 / fsyncMs)} commits/s.`,
    );
    notes.push(
      `Reference point, same run: a minimal durable server (raw node:http, JSON.parse, a client-token lookup and one SQLite insert per create into a table with the reference server's four indexes, a group commit per event-loop turn, and an fdatasync of the WAL before each answer; no SigV4, no validation, no handler, no quota) reaches ${floorRatio.toFixed(2)}× of the echo (${formatNumber(rate(floor.ours))} vs ${formatNumber(rate(floor.baseline))} req/s, p99 ${formatNumber(p99(floor.ours))} vs ${formatNumber(p99(floor.baseline))} ms): waiting for the disk before each answer caps any durable implementation here; the reference server reaches ${referenceOfFloor.toFixed(2)}× of that floor (${formatNumber(rate(result.ours))} vs ${formatNumber(rate(floor.ours))} req/s, p99 ${formatNumber(p99(result.ours))} vs ${formatNumber(p99(floor.ours))} ms).`,
    );
    // What the CPUs allow at the minimal durable server's rate, the rate figure 11 measures against.
    notes.push(
      `p99 latency: ${formatNumber(p99(result.ours))} ms against the echo's ${formatNumber(p99(result.baseline))} ms (${p99Ratio.toFixed(2)}×).`,
    );
    const budgetNote = cpuBudgetNote(machineInfo().cores, rate(floor.ours), result, floor.ours);
    if (budgetNote) notes.push(budgetNote.note);
    if (!verifies) {
      notes.push(
        "The reference server has no SigV4 option yet (its --help offers none), so it ran without verifying; the driver still signs every request for both servers. Add the verify cost above to read the figure with auth on.",
      );
    }
    return {
      status: "measured",
      ours: result.ours,
      baseline: result.baseline,
      notes,
      extra: {
        connections: CONNECTIONS,
        serverVerifiesSigV4: verifies,
        sigv4VerifyMicros: Number(verify.microsPerVerify.toFixed(2)),
        p99Ratio: Number(p99Ratio.toFixed(3)),
        diskFsyncMs: Number(fsyncMs.toFixed(3)),
        ...(budgetNote ? { cpuBudget: budgetNote.extra } : {}),
        durableFloor: {
          ratio: Number(floorRatio.toFixed(3)),
          referenceServerOfFloor: Number(referenceOfFloor.toFixed(3)),
          floor: floor.ours,
          echo: floor.baseline,
        },
      },
    };
  },
};

/** A side's median CPU per request, server and load, when its rounds measured them. */
function cpuOf(side: SeriesInput): CpuPerRequest | undefined {
  const server = side.details?.[SERVER_CPU];
  const load = side.details?.[LOAD_CPU];
  return server && load ? { server: median(server), load: median(load) } : undefined;
}

/** The note (and results.json entry) that sets the figure's CPU use against what the machine has. */
function cpuBudgetNote(
  cpus: number,
  targetRate: number,
  result: { ours: SeriesInput; baseline: SeriesInput },
  floor: SeriesInput,
): { note: string; extra: Record<string, unknown> } | undefined {
  const ours = cpuOf(result.ours);
  const echo = cpuOf(result.baseline);
  const durable = cpuOf(floor);
  if (!ours || !echo || !durable || !(targetRate > 0)) return undefined;
  const budget = cpuBudget(cpus, targetRate, ours);
  const floorShare = cpuBudget(cpus, targetRate, durable).share;
  const us = (value: number) => `${formatNumber(value)} µs`;
  const pair = (cpu: CpuPerRequest) => `${us(cpu.server)} + ${us(cpu.load)}`;
  const note = `CPU per request (medians, all threads, server + load process): seqstore-server ${pair(ours)}; minimal durable server ${pair(durable)}; echo ${pair(echo)}. At the minimal durable server's rate (${formatNumber(targetRate)} req/s) this machine's ${cpus} CPUs have ${us(budget.microsPerRequest)} per request for server and load together, if every CPU were busy all the time: the reference server and its load need ${budget.share.toFixed(2)}× that, the minimal durable server and its load ${floorShare.toFixed(2)}×.`;
  const round = (value: number) => Number(value.toFixed(1));
  return {
    note,
    extra: {
      cpus,
      targetRate: round(targetRate),
      microsPerRequest: round(budget.microsPerRequest),
      referenceServerShare: Number(budget.share.toFixed(3)),
      durableFloorShare: Number(floorShare.toFixed(3)),
    },
  };
}
