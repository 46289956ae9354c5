// JSON AST → IDL → parse → JSON AST, for the round-trip tests.
import { type AstModel, loadModel, type ModelSource, serializeModel, writeIdl } from "../src/index.js";

export interface RoundTrip {
  before: string;
  after?: string;
  problems: string[];
  idl: string;
}

export function roundTrip(sources: ModelSource[]): RoundTrip | undefined {
  const loaded = loadModel({ sources });
  if (!loaded.ok) return undefined;
  const before = JSON.stringify(serializeModel(loaded.model), null, 1);
  const files = writeIdl(loaded.model);
  const idl = files.map((f) => f.text).join("\n// ---\n");
  const again = loadModel({
    sources: files.map((f) => ({ filename: `${f.namespace || "metadata"}.smithy`, text: f.text })),
  });
  const problems = again.events
    .filter((e) => e.severity === "ERROR" || e.severity === "DANGER")
    .map((e) => `${e.sourceLocation?.filename}:${e.sourceLocation?.line}: ${e.message}`);
  return { before, after: JSON.stringify(serializeModel(again.model as AstModel), null, 1), problems, idl };
}
