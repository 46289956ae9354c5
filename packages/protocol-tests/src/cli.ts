// `npm run protocol-tests [-- --model <paths…> --service <shape id>]`: judges every protocol test of
// a model's service through the generated client and both server adapters. Without --model it runs
// Smithy's restJson1 suite (../shared/conformance/protocol-tests) and holds its counts to the floors.
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { FLOORS_FILE, SKIP_LIST_FILE } from "./files.js";
import { RESTJSON_SERVICE, SUITE_DIR } from "./paths.js";
import {
  type CaseResult,
  countResults,
  createRunner,
  type Floors,
  readJson,
  runAll,
  type SkipList,
  summaryLine,
} from "./run.js";
import { belowFloors, raisedFloors } from "./floors.js";
import { typecheckClient } from "./typecheck.js";

const USAGE = `usage: npm run protocol-tests [-- --model <file|dir>… --service <shape id>] [--typecheck] [--verbose] [--update-floors]
  without --model: Smithy's restJson1 suite from ${path.relative(process.cwd(), SUITE_DIR)}`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      model: { type: "string", multiple: true },
      service: { type: "string" },
      verbose: { type: "boolean", short: "v" },
      typecheck: { type: "boolean" },
      "update-floors": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  // npm runs scripts from the package; paths are the caller's.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const given = [...(values.model ?? []), ...positionals].map((file) => path.resolve(cwd, file));
  const suite = given.length === 0;
  if (suite && !existsSync(SUITE_DIR)) {
    console.log(`protocol-tests: skipped: Smithy's protocol test suite is not at ${SUITE_DIR}`);
    return 0;
  }
  for (const file of given)
    if (!existsSync(file)) throw new Error(`--model ${file}: no such file or directory`);
  const modelPaths = suite ? [path.join(SUITE_DIR, "model"), path.join(SUITE_DIR, "traits")] : given;
  const serviceId = values.service ?? (suite ? RESTJSON_SERVICE : undefined);
  const skipList = readJson<SkipList>(SKIP_LIST_FILE);
  const runner = await createRunner({ modelPaths, ...(serviceId ? { serviceId } : {}), skipList });
  let results: CaseResult[];
  try {
    results = await runAll(runner, (result) => {
      if (result.outcome === "pass") return;
      const { category, key } = result.case;
      const shown = values.verbose ? result.details : result.details.slice(0, 1);
      console.log(
        `${result.outcome === "skip" ? "SKIP" : "FAIL"} ${category} ${key}: ${shown.join("\n    ")}`,
      );
    });
  } finally {
    await runner.close();
  }
  let typeErrors = 0;
  if (values.typecheck) {
    if (runner.generated.openApiError) throw new Error(`--typecheck: ${runner.generated.openApiError}`);
    const errors = typecheckClient(runner.generated);
    for (const error of errors) console.log(`TYPECHECK ${error}`);
    console.log(`typecheck: the generated client has ${errors.length} error(s)`);
    typeErrors = errors.length;
  }
  const counts = countResults(results);
  console.log(`${runner.serviceId}`);
  console.log(summaryLine(counts));
  // Services with floors (the suite's, our own model's) are held to them; any other must pass whole.
  const floors = readJson<Floors>(FLOORS_FILE);
  if (!floors[runner.serviceId]) {
    if (values["update-floors"])
      throw new Error(`--update-floors: ${runner.serviceId} has no floors to raise`);
    return typeErrors > 0 || results.some((result) => result.outcome === "fail") ? 1 : 0;
  }
  if (values["update-floors"]) {
    const raised = raisedFloors(floors, runner.serviceId, counts);
    writeFileSync(FLOORS_FILE, `${JSON.stringify(raised, null, 2)}\n`);
    console.log(`floors: ${path.relative(cwd, FLOORS_FILE)} updated`);
  }
  const below = belowFloors(readJson<Floors>(FLOORS_FILE), runner.serviceId, counts);
  for (const line of below) console.error(`below floor: ${line}`);
  return typeErrors > 0 || below.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`protocol-tests: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
