// Sides shared by the storage figures (11–13): the reference server on SQLite or PostgreSQL, alone or as
// several instances on one database, and the CPU-per-create note they all print.
import { formatNumber } from "../report/format.js";
import type { ServerProcess } from "../process/server-process.js";
import { median } from "../stats.js";
import type { SeriesInput } from "../types.js";
import type { FigureContext } from "./figure.js";
import { type HttpSide, LOAD_CPU, SERVER_CPU } from "./http-comparison.js";
import { referenceServerHelp, sigV4Args, startReferenceServer } from "./reference-server.js";

/** Starts reference servers as the command line does, with SigV4 on when the server offers it. */
export async function referenceServerLauncher(context: FigureContext) {
  const help = await referenceServerHelp();
  const { verifies, args } = sigV4Args(help, context.scratchDir);
  return {
    verifies,
    /** `count` instances on one database; the load spreads over all of them. */
    side: (label: string, db: string | undefined, count = 1): HttpSide => ({
      label,
      start: async () => {
        const started: ServerProcess[] = [];
        try {
          for (let i = 0; i < count; i++)
            started.push(await startReferenceServer(help, context.scratchDir, args, db));
        } catch (error) {
          await Promise.all(started.map((server) => server.stop()));
          throw error;
        }
        const [first, ...peers] = started;
        return {
          url: first!.url,
          pid: first!.pid,
          peers: peers.map(({ url, pid }) => ({ url, pid })),
          stop: async () => {
            await Promise.all(started.map((server) => server.stop()));
          },
        };
      },
    }),
  };
}

/** Median CPU time per request of a side's servers and of its load, in µs, when its rounds measured them. */
export function cpuPerCreate(side: SeriesInput): { server: number; load: number } | undefined {
  const server = side.details?.[SERVER_CPU];
  const load = side.details?.[LOAD_CPU];
  return server && load ? { server: median(server), load: median(load) } : undefined;
}

/** "CPU per create …" for the notes, and the numbers for results.json. */
export function cpuNote(
  ours: SeriesInput,
  baseline: SeriesInput,
): { note: string; extra: Record<string, number> } | undefined {
  const a = cpuPerCreate(ours);
  const b = cpuPerCreate(baseline);
  if (!a || !b) return undefined;
  const us = (value: number) => `${formatNumber(value)} µs`;
  return {
    note: `CPU per create (medians, all threads of the server processes; then the load process): ${ours.label} ${us(a.server)}, ${baseline.label} ${us(b.server)} (${(a.server / b.server).toFixed(2)}×); load ${us(a.load)} vs ${us(b.load)}.`,
    extra: {
      oursServerCpuUsPerCreate: Number(a.server.toFixed(1)),
      baselineServerCpuUsPerCreate: Number(b.server.toFixed(1)),
      oursLoadCpuUsPerCreate: Number(a.load.toFixed(1)),
      baselineLoadCpuUsPerCreate: Number(b.load.toFixed(1)),
    },
  };
}
