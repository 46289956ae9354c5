// Command line of `npm run dev`: its own few options, everything else goes to the reference server.
import { resolve } from "node:path";

export const DEV_HELP = `Usage: npm run dev -- [dev options] [server options]
       node scripts/dev.mjs [dev options] [--] [server options]

Watches the Smithy model, regenerates on save, and runs the reference server, rebuilding and
restarting it when the server stub or the app changes. Ctrl-C stops everything.

Dev options:
  --model-dir <dir>  model to watch (a folder with smithy-build.json; default: model/). Any other
                     folder is only validated and built with \`smithy build\`: no workspace codegen, no server.
  --no-server        do not run the reference server
  --help             print this text

Every other argument, and everything after \`--\`, is passed to the reference server
(node apps/reference-server/bin/seqstore-server.js --help lists them), e.g. --port 8080.
`;

/** @typedef {{ help: boolean, modelDir: string, server: boolean, serverArgs: string[] }} DevOptions */

/** Thrown for a command line that cannot be understood; the message is for the user. */
export class DevUsageError extends Error {}

/**
 * @param {readonly string[]} argv
 * @param {{ cwd: string, defaultModelDir: string }} where
 * @returns {DevOptions}
 */
export function parseDevArgs(argv, { cwd, defaultModelDir }) {
  /** @type {DevOptions} */
  const options = { help: false, modelDir: defaultModelDir, server: true, serverArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = /** @type {string} */ (argv[i]);
    if (arg === "--") {
      options.serverArgs.push(...argv.slice(i + 1));
      break;
    }
    if (arg === "--help" || arg === "-h") options.help = true;
    else if (arg === "--no-server") options.server = false;
    else if (arg === "--model-dir" || arg.startsWith("--model-dir=")) {
      const value = arg === "--model-dir" ? argv[++i] : arg.slice("--model-dir=".length);
      if (value === undefined || value === "") throw new DevUsageError("--model-dir needs a folder");
      options.modelDir = resolve(cwd, value);
    } else options.serverArgs.push(arg);
  }
  return options;
}
