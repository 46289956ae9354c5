// Trimming tool output to what someone editing the model or the app needs to read: turbo and npm
// wrap a compiler error in a dozen lines of their own, and one syntax error in a .smithy file
// leaves every shape of that file unresolved.

/** Lines turbo and npm add around a failing task. */
const NOISE = [
  /^npm (error|ERR!)/,
  /^> /,
  /^\s*(Tasks|Cached|Time|Failed):\s/,
  /ERROR\s+run failed/,
  /ERROR\s+command .* exited/,
  /^\s*$/,
];

/**
 * Failure output of `turbo run …` as `file:line:col: error …` lines relative to the repository,
 * without turbo's and npm's framing. Falls back to every line when nothing is recognised.
 * @param {readonly string[]} lines
 * @param {(packageName: string) => string | undefined} packageDir repository-relative folder of a workspace package
 * @returns {string[]}
 */
export function turboFailureLines(lines, packageDir) {
  /** @type {string[]} */
  const kept = [];
  for (const line of lines) {
    // `pkg:task: …`; the root package is `//` (`//:generate:all: …`, which prints repository paths).
    const task = /^(\/\/|@?[\w.-]+(?:\/[\w.-]+)?):[\w:-]+: (.*)$/.exec(line);
    const text = task ? (task[2] ?? "") : line;
    if (NOISE.some((pattern) => pattern.test(text))) continue;
    // tsc prints `src/file.ts(12,5): error TS2322: …` relative to the package.
    const tsc = /^(.+?)\((\d+),(\d+)\): (.*)$/.exec(text);
    const dir = task ? packageDir(task[1] ?? "") : undefined;
    if (tsc && dir !== undefined) kept.push(`${dir}/${tsc[1]}:${tsc[2]}:${tsc[3]}: ${tsc[4]}`);
    else kept.push(task && task[1] !== "//" ? `${task[1]}: ${text}` : text);
  }
  return kept.length > 0 ? kept : [...lines];
}

/**
 * Smithy diagnostics to show: after a syntax error only the syntax errors (everything the file
 * defined is missing, so the rest are echoes of it), and at most `limit` lines.
 * @param {readonly string[]} lines output of `smithy validate`
 * @param {number} [limit]
 * @returns {string[]}
 */
export function smithyDiagnostics(lines, limit = 30) {
  const diagnostics = lines.filter((line) => line.trim() !== "");
  const syntax = diagnostics.filter((line) => / ERROR Syntax error/.test(line));
  const others = diagnostics.filter((line) => / (ERROR|DANGER) /.test(line) && !syntax.includes(line));
  if (syntax.length > 0 && others.length > 0) {
    return [...syntax, `(${others.length} more error(s) follow from the syntax error and are not shown)`];
  }
  if (diagnostics.length <= limit) return diagnostics;
  return [
    ...diagnostics.slice(0, limit),
    `(${diagnostics.length - limit} more line(s); \`npx smithy validate --config model/smithy-build.json\` shows all)`,
  ];
}
