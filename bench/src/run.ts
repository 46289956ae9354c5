// `npm run bench`: measures every layer against its baseline in one run and writes bench/results/.
import { FIGURES } from "./figures/index.js";
import { runBench } from "./harness.js";
import { parseBenchArgs, USAGE, UsageError } from "./options.js";
import { renderMarkdown } from "./report/markdown.js";

try {
  const parsed = parseBenchArgs(process.argv.slice(2), FIGURES);
  if (parsed.kind === "help") {
    process.stdout.write(USAGE);
  } else {
    const results = await runBench(FIGURES, parsed.options);
    process.stdout.write(renderMarkdown(results));
    process.stdout.write(`\nWrote results.json, results.md and chart.svg to ${parsed.options.outDir}\n`);
  }
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`bench: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
