// Generality check: the types, client and server generators on AWS's own HealthOmics model (107
// operations), compiled with `tsc --strict`. Operations that need a feature the generators do not
// implement (item 5's loud failure, e.g. event streams) are left out, and the test says which.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withoutUnsupportedOperations } from "../lib/generate/codegen-support.mjs";
import { compileService } from "../lib/generate/compile-service.mjs";
import { renderService } from "../lib/generate/render-service.mjs";
import { scriptsDir } from "./helpers.mjs";

const root = join(scriptsDir, "..");
const AWS_MODEL = join(root, "..", "shared", "reference", "aws-omics.smithy.json");
const SERVICE = "com.amazonaws.omics#Omics";
const OWN_MODEL = join(root, "model", "generated", "source", "model", "model.json");

describe.skipIf(!existsSync(AWS_MODEL))(
  `AWS's HealthOmics model (skipped when ${AWS_MODEL} is absent)`,
  () => {
    it("generates types, client and server for every supported operation, and they compile with tsc --strict", async () => {
      const smithy = await import("@seqstore/smithy");
      const loaded = smithy.loadModelFromPaths([AWS_MODEL]);
      expect(loaded.events.filter(smithy.isFailure)).toEqual([]);
      const all = smithy.serviceOperations(loaded.model, SERVICE);
      expect(all).toHaveLength(107);

      const { model, excluded } = await withoutUnsupportedOperations(loaded, SERVICE);
      for (const [operation, events] of excluded) {
        console.warn(`left out ${operation}: ${events.map((e) => e.message).join("; ")}`);
      }
      const generated = smithy.serviceOperations(model, SERVICE);
      expect(generated.length + excluded.size).toBe(107);

      const files = await renderService({ root, model, serviceId: SERVICE });
      for (const operation of generated.map((id) => id.slice(id.indexOf("#") + 1))) {
        const method = operation[0]?.toLowerCase() + operation.slice(1);
        expect(files.client["src/generated/client.ts"]).toContain(`${method}(`);
        expect(files.server["src/generated/handlers.ts"]).toContain(`${method}(`);
        expect(files.types["src/generated/openapi.ts"]).toContain(operation);
      }
      const compiled = compileService(root, "aws-omics", files);
      expect(compiled.output).toBe("");
      expect(compiled.code).toBe(0);
    }, 240_000);
  },
);

describe("compileService", () => {
  it("reports a type error in generated code with its file", async () => {
    const smithy = await import("@seqstore/smithy");
    const model = smithy.loadGeneratedModel(OWN_MODEL);
    const files = await renderService({ root, model, serviceId: smithy.pickService(model) });
    files.client["src/generated/client.ts"] += '\nexport const broken: number = "not a number";\n';
    const compiled = compileService(root, "broken-own-model", files);
    expect(compiled.code).not.toBe(0);
    expect(compiled.output).toMatch(/client\/src\/generated\/client\.ts\(\d+,\d+\): error TS2322/);
  }, 240_000);
});
