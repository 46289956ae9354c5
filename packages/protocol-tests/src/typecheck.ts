// Compiles the generated client (with its types and the runtime it imports) under the repository's
// strict settings: generated code that does not typecheck is generated wrong.
import path from "node:path";
import ts from "typescript";
import type { GeneratedService } from "./generate.js";

/** The compiler's errors, one line each (file relative to the generated directory); empty when it compiles. */
export function typecheckClient(generated: GeneratedService): string[] {
  const configFile = path.join(generated.dir, "tsconfig.json");
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configFile}`);
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
    if (!diagnostic.file || diagnostic.start === undefined) return message;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${path.relative(generated.dir, diagnostic.file.fileName)}:${line + 1}:${character + 1}: ${message}`;
  });
}
