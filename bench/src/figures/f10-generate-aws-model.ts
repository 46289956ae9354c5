import { existsSync } from "node:fs";
import path from "node:path";
import { benchFile, repoFile, sharedRoot } from "../paths.js";
import { runForJson } from "../process/child.js";
import { median } from "../stats.js";
import { interleaved } from "./figure.js";
import type { Figure } from "./figure.js";

const AWS_MODEL = path.join(sharedRoot, "reference/aws-omics.smithy.json");
const OWN_MODEL = repoFile("model/generated/source/model/model.json");
const SERVICE = "com.amazonaws.omics#Omics";

interface Timing {
  ms: number[];
  operations: number;
  generatedBytes: number;
}

/** One fresh process: a warm-up generation, then one measured. */
function generateOnce(model: string): Promise<Timing> {
  return runForJson(
    process.execPath,
    [benchFile("src/workers/generate-timing.mjs"), model, SERVICE, "1", "1"],
    {
      what: `generate timing worker (${path.basename(model)})`,
      timeoutMs: 300_000,
    },
  ) as Promise<Timing>;
}

export const generateAwsModelFigure: Figure = {
  number: 10,
  id: "generate-aws-model",
  title: "Generate for AWS's Omics model (107 ops) vs ours",
  measures:
    "in-process ms to load the model, convert it to OpenAPI and run the types, client and server generators in memory (scripts/lib/generate/render-service.mjs; nothing written), for AWS's HealthOmics model (107 operations) and for our own model (model/generated/source/model/model.json); each measurement in a fresh process after one warm-up generation, interleaved rounds.",
  unit: "ms",
  better: "lower",
  target: { kind: "absolute", op: "<", value: 10_000, text: "< 10 000 ms, time per operation ≤ ours" },
  async run(context) {
    if (!existsSync(AWS_MODEL)) {
      return {
        status: "skipped",
        reason: `AWS's model is not here (${AWS_MODEL}); a clone without ../shared skips this figure.`,
      };
    }
    const rounds = context.options.quick ? 1 : context.options.rounds;
    let aws: Timing | undefined;
    let own: Timing | undefined;
    const result = await interleaved(
      rounds,
      async (round) => {
        aws = await generateOnce(AWS_MODEL);
        context.log(`round ${round + 1} AWS model: ${aws.ms[0]?.toFixed(0)} ms`);
        return aws.ms[0] ?? Number.NaN;
      },
      async (round) => {
        own = await generateOnce(OWN_MODEL);
        context.log(`round ${round + 1} our model: ${own.ms[0]?.toFixed(0)} ms`);
        return own.ms[0] ?? Number.NaN;
      },
    );
    const awsOps = aws?.operations ?? 0;
    const ownOps = own?.operations ?? 0;
    const perOperation = (ms: number[], ops: number) => (ops > 0 ? median(ms) / ops : Number.NaN);
    const awsPerOp = perOperation(result.ours, awsOps);
    const ownPerOp = perOperation(result.baseline, ownOps);
    return {
      status: "measured",
      ours: { label: `AWS model, ${awsOps} operations`, rounds: result.ours },
      baseline: { label: `our model, ${ownOps} operations`, rounds: result.baseline },
      checks: [
        {
          name: "ms per operation, AWS model vs ours",
          value: `${awsPerOp.toFixed(1)} vs ${ownPerOp.toFixed(1)}`,
          limit: "AWS ≤ ours (no worse than linear in operations)",
          pass: awsPerOp <= ownPerOp,
        },
      ],
      notes: [
        `Both times are reported: AWS's model ${Math.round(median(result.ours))} ms, ours ${Math.round(median(result.baseline))} ms (medians); the ratio column is AWS's time over the 10 s budget.`,
        "The server generator formats its files with Biome child processes, as `npm run generate` does; openapi-typescript runs in the measuring thread.",
      ],
      extra: {
        operations: { aws: awsOps, ours: ownOps },
        generatedBytes: { aws: aws?.generatedBytes ?? 0, ours: own?.generatedBytes ?? 0 },
      },
    };
  },
};
