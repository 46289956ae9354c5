// AWS's whole HealthOmics model, converted by our toolchain, must pass Redocly's linter with zero errors.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { AstModel } from "../src/ast.js";
import { convertToOpenApi } from "../src/index.js";

const repoRoot = resolve(import.meta.dirname, "../../..");
const awsModelPath = resolve(repoRoot, "../shared/reference/aws-omics.smithy.json");
const available = existsSync(awsModelPath);
const require = createRequire(import.meta.url);
const redoclyPackage = require.resolve("@redocly/cli/package.json");
const redoclyBin = join(
  dirname(redoclyPackage),
  (require(redoclyPackage) as { bin: { redocly: string } }).bin.redocly,
);
const config = resolve(import.meta.dirname, "fixtures/redocly.yaml");
const workDir = mkdtempSync(join(tmpdir(), "seqstore-redocly-"));

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe.skipIf(!available)("AWS Omics model → OpenAPI → redocly lint", () => {
  if (!available) console.warn(`skipping: ${awsModelPath} not found (../shared is absent)`);

  it.each(["3.0.2", "3.1.0"] as const)(
    "lints with zero errors (OpenAPI %s)",
    (version) => {
      const model = JSON.parse(readFileSync(awsModelPath, "utf8")) as AstModel;
      const { document, events } = convertToOpenApi(model, {
        service: "com.amazonaws.omics#Omics",
        ignoreUnsupportedTraits: true,
        version,
        // Smithy models carry endpoints in rules, not in the document; jsonAdd is smithy-openapi's way to add them.
        jsonAdd: {
          "/servers": [
            { url: "https://omics.{region}.amazonaws.com", variables: { region: { default: "us-east-1" } } },
          ],
        },
      });
      expect(events.filter((e) => e.severity === "ERROR")).toEqual([]);
      const file = join(workDir, `omics-${version}.json`);
      writeFileSync(file, JSON.stringify(document));
      const run = spawnSync(
        process.execPath,
        [redoclyBin, "lint", file, "--config", config, "--format", "json"],
        {
          encoding: "utf8",
          env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
        },
      );
      const report = JSON.parse(run.stdout) as {
        totals: { errors: number };
        problems: { ruleId: string; message: string; severity: string }[];
      };
      const errors = report.problems.filter((p) => p.severity === "error");
      expect(errors.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
      expect(report.totals.errors).toBe(0);
      expect(run.status).toBe(0);
    },
    120_000,
  );
});
