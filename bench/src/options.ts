// Command-line options of `npm run bench`.
import path from "node:path";
import { parseArgs } from "node:util";
import { defaultResultsDir } from "./paths.js";
import type { BenchOptions } from "./types.js";

export const USAGE = `Usage: npm run bench -- [options]

  --quick               one short round per figure (what the smoke test runs)
  --only <figures>      comma-separated figure numbers or ids, e.g. 1,5 or express-stub,bundle-size
  --rounds <n>          rounds per side (default 3; --quick: 1)
  --duration <seconds>  length of one HTTP load round (default 5; --quick: 1)
  --out <dir>           where results.json, results.md and chart.svg go (default bench/results)
  --help                print this text
`;

export class UsageError extends Error {
  override name = "UsageError";
}

export type ParsedBenchArgs = { kind: "help" } | { kind: "run"; options: BenchOptions };

function positiveInteger(text: string, flag: string, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new UsageError(`${flag} takes a whole number from 1 to ${max}, not "${text}"`);
  }
  return Number(text);
}

/** Resolves `--only` entries (numbers or ids) to figure numbers, in figure order. */
function resolveOnly(text: string, figures: ReadonlyArray<{ number: number; id: string }>): number[] {
  const wanted = new Set<number>();
  for (const entry of text.split(",").map((part) => part.trim())) {
    if (entry === "") continue;
    const figure = figures.find((f) => String(f.number) === entry || f.id === entry);
    if (!figure) {
      const known = figures.map((f) => `${f.number} ${f.id}`).join(", ");
      throw new UsageError(`--only: no figure "${entry}" (known: ${known})`);
    }
    wanted.add(figure.number);
  }
  if (wanted.size === 0) throw new UsageError("--only needs at least one figure");
  return [...wanted].sort((a, b) => a - b);
}

export function parseBenchArgs(
  argv: readonly string[],
  figures: ReadonlyArray<{ number: number; id: string }>,
  cwd: string = process.cwd(),
): ParsedBenchArgs {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { kind: "help" };
  const quick = values.quick ?? false;
  return {
    kind: "run",
    options: {
      quick,
      only: values.only === undefined ? [] : resolveOnly(values.only, figures),
      rounds: values.rounds === undefined ? (quick ? 1 : 3) : positiveInteger(values.rounds, "--rounds", 50),
      durationSeconds:
        values.duration === undefined ? (quick ? 1 : 5) : positiveInteger(values.duration, "--duration", 120),
      outDir: values.out === undefined ? defaultResultsDir : path.resolve(cwd, values.out),
    },
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      quick: { type: "boolean" },
      only: { type: "string" },
      rounds: { type: "string" },
      duration: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
