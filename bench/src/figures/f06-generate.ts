import path from "node:path";
import { repoFile } from "../paths.js";
import { failureOf, run } from "../process/child.js";
import { interleaved } from "./figure.js";
import type { Figure } from "./figure.js";
import { type TurboRun, turboGenerate } from "./turbo.js";

const OPENAPI_TYPESCRIPT_BIN = repoFile("node_modules/openapi-typescript/bin/cli.js");
const OPENAPI_DOCUMENT = repoFile("model/generated/source/openapi/Omics.openapi.json");

export const generateFigure: Figure = {
  number: 6,
  id: "generate",
  title: "Full generate from Smithy vs openapi-typescript alone",
  measures:
    "wall ms of `turbo run generate --force` (no cache: builds @seqstore/smithy with tsc, smithy build of the model, then the types, client and server generators) vs the openapi-typescript CLI alone on model/generated/source/openapi/Omics.openapi.json; both spawned with node, interleaved rounds.",
  unit: "ms",
  better: "lower",
  target: { kind: "ratio", op: "<=", value: 1.2, text: "≤ 1.20×" },
  async run(context) {
    const rounds = context.options.quick ? 1 : context.options.rounds;
    const outFile = path.join(context.scratchDir, "openapi.d.ts");
    let lastRun: TurboRun | undefined;
    const result = await interleaved(
      rounds,
      async (round) => {
        lastRun = await turboGenerate(true);
        context.log(`round ${round + 1} turbo generate --force: ${lastRun.wallMs.toFixed(0)} ms`);
        return lastRun.wallMs;
      },
      async (round) => {
        const cli = await run(process.execPath, [OPENAPI_TYPESCRIPT_BIN, OPENAPI_DOCUMENT, "-o", outFile], {
          timeoutMs: 120_000,
        });
        const failure = failureOf(cli, "openapi-typescript");
        if (failure) throw new Error(failure);
        context.log(`round ${round + 1} openapi-typescript: ${cli.wallMs.toFixed(0)} ms`);
        return cli.wallMs;
      },
    );
    return {
      status: "measured",
      ours: { label: "turbo run generate --force", rounds: result.ours },
      baseline: { label: "openapi-typescript CLI", rounds: result.baseline },
      notes: [
        "Our side does strictly more work: it also builds the Smithy toolchain, converts the model to OpenAPI and runs openapi-typescript itself as one of its steps; per-task times of the last round are in extra.tasks.",
      ],
      extra: { tasks: lastRun?.tasks ?? [] },
    };
  },
};
