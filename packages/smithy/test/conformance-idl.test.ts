// Smithy's IDL corpus as a regression floor: pass counts may rise, never fall.
// Raise the numbers in conformance-floor.json when the loader gets better.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultCorpusDir, runIdlConformance } from "../scripts/conformance-idl.js";
import { loadModel } from "../src/index.js";
import floor from "./conformance-floor.json" with { type: "json" };

const hasCorpus = existsSync(defaultCorpusDir);

function smithyFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return smithyFiles(full);
    return name.endsWith(".smithy") ? [full] : [];
  });
}

describe.skipIf(!hasCorpus)(
  `Smithy IDL conformance corpus (skipped when ${defaultCorpusDir} is absent)`,
  () => {
    const result = hasCorpus ? runIdlConformance(defaultCorpusDir) : undefined;

    it.each([
      ["idl-valid pairs", () => result?.valid.passed, floor.idlValid],
      ["idl-invalid cases rejected", () => result?.invalid.passed, floor.idlInvalidRejected],
      [
        "idl-invalid syntax errors at the same line:col",
        () => result?.invalid.sameLineColumn,
        floor.idlInvalidSameLineColumn,
      ],
      [
        "idl-invalid cases with Smithy's message",
        () => result?.invalid.exactMessage,
        floor.idlInvalidExactMessage,
      ],
      ["errorfiles", () => result?.errorfiles.passed, floor.errorfiles],
      ["forwardrefs", () => result?.forwardrefs.passed, floor.forwardrefs],
    ])("%s stay at or above the floor", (_name, count, minimum) => {
      expect(count()).toBeGreaterThanOrEqual(minimum);
    });

    it("never lets an exception escape loadModel on an invalid model", () => {
      for (const path of smithyFiles(join(defaultCorpusDir, "idl-invalid"))) {
        const loaded = loadModel({ sources: [{ filename: path, text: readFileSync(path, "utf8") }] });
        const internal = loaded.events.filter((event) => event.message.startsWith("Internal loader error"));
        expect({ path, internal }).toEqual({ path, internal: [] });
      }
    });
  },
);
