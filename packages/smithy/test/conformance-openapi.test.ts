import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultCorpusDir, formatSummary, runOpenApiConformance } from "../scripts/conformance-openapi.js";

const corpus = defaultCorpusDir();
const available = existsSync(join(corpus, "openapi-cases.json"));
// Pass counts may only rise: raise the floor file when more cases pass.
const floor = JSON.parse(
  readFileSync(new URL("./conformance-openapi-floor.json", import.meta.url), "utf8"),
) as Record<string, number>;

describe.skipIf(!available)("OpenAPI conformance corpus", () => {
  if (!available) console.warn(`skipping OpenAPI conformance: ${corpus} not found (../shared is absent)`);
  const summary = available ? runOpenApiConformance(corpus) : undefined;

  it.each(Object.entries(floor))("%s cases pass at least the floor (%i)", (kind, min) => {
    const passed = summary?.counts[kind as keyof typeof summary.counts]?.passed ?? 0;
    if (passed < min) console.log(summary ? formatSummary(summary) : "");
    expect(passed).toBeGreaterThanOrEqual(min);
  });
});
