import { readFileSync } from "node:fs";
import path from "node:path";
import { repoFile } from "../paths.js";
import { failureOf, run, tsxArgs } from "../process/child.js";
import type { Figure } from "./figure.js";

const SCRIPT = repoFile("packages/client/scripts/bundle-size.ts");

interface Size {
  min: number;
  gzip: number;
}

/**
 * The script's report: `awsSdk` plus our entries. Newer versions report `send` (createOmicsSendClient +
 * send(CreateSequenceStore), the SDK's OmicsClient + Command style: send only), `modular`
 * (createOmicsBaseClient: the same plus the raw openapi-fetch client) and `methods` (createOmicsClient);
 * older ones a single `ours`.
 */
interface BundleReport {
  awsSdk: Size;
  send?: Size;
  ours?: Size;
  modular?: Size;
  methods?: Size;
}

/** The entry that makes the same call the SDK bundle makes, the way the SDK makes it (send-only first). */
export function pickOurs(report: BundleReport): { label: string; size: Size } {
  if (report.send) return { label: "@seqstore/client (send-only client + send)", size: report.send };
  if (report.modular) return { label: "@seqstore/client (base client + send)", size: report.modular };
  if (report.ours) return { label: "@seqstore/client", size: report.ours };
  if (report.methods) return { label: "@seqstore/client (createOmicsClient)", size: report.methods };
  throw new Error(`bundle-size report has none of modular/ours/methods: ${JSON.stringify(report)}`);
}

export const bundleSizeFigure: Figure = {
  number: 5,
  id: "bundle-size",
  title: "Client bundle vs @aws-sdk/client-omics",
  measures:
    "gzip bytes of a browser bundle (esbuild, ESM, minified, es2022) that makes one CreateSequenceStore call with SigV4 credentials: @seqstore/client (the send-only client when the script reports it: send, SigV4, retries, modeled errors, no raw openapi-fetch client) vs @aws-sdk/client-omics (OmicsClient + CreateSequenceStoreCommand); computed by packages/client/scripts/bundle-size.ts (deterministic, one round).",
  unit: "bytes gzip",
  better: "lower",
  target: { kind: "ratio", op: "<=", value: 0.1, text: "≤ 0.10×" },
  async run(context) {
    const outFile = path.join(context.scratchDir, "bundle-size.json");
    const result = await run(process.execPath, tsxArgs(SCRIPT, [outFile]), {
      cwd: repoFile("packages/client"),
      timeoutMs: 120_000,
    });
    const failure = failureOf(result, "bundle-size script");
    if (failure) throw new Error(failure);
    const report = JSON.parse(readFileSync(outFile, "utf8")) as BundleReport;
    const ours = pickOurs(report);
    const share = (size: Size) => (size.gzip / report.awsSdk.gzip).toFixed(3);
    const notes: string[] = [];
    if (report.send && report.modular) {
      notes.push(
        `With createOmicsBaseClient (send plus the raw openapi-fetch client and its middleware) the bundle is ${report.modular.gzip} bytes gzip (${share(report.modular)}×).`,
      );
    }
    if (report.methods) {
      notes.push(
        `With createOmicsClient (a method for every operation, and raw) the bundle is ${report.methods.gzip} bytes gzip (${share(report.methods)}×).`,
      );
    }
    return {
      status: "measured",
      ours: { label: ours.label, rounds: [ours.size.gzip], details: { minifiedBytes: [ours.size.min] } },
      baseline: {
        label: "@aws-sdk/client-omics",
        rounds: [report.awsSdk.gzip],
        details: { minifiedBytes: [report.awsSdk.min] },
      },
      notes,
      extra: { report, scriptWallMs: Math.round(result.wallMs) },
    };
  },
};
