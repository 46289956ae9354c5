import { authBanner } from "./auth/banner.js";
import { ConfigError, HELP_TEXT, parseCommandLine } from "./config.js";
import { startServer } from "./server.js";
import { redactPostgresUrl } from "./storage/postgres/connection.js";

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Registers a shutdown signal handler (process.once in production). */
  onSignal: (signal: NodeJS.Signals, handler: () => void) => void;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  onSignal: (signal, handler) => process.once(signal, handler),
};

/** Exit codes: 0 clean stop or --help, 1 failed to start, 2 bad command line. */
export async function runCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: CliIo = processIo,
): Promise<{ exitCode: number; stopped?: Promise<number> }> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`seqstore-server: ${error.message}`);
      return { exitCode: 2 };
    }
    throw error;
  }
  if (parsed.kind === "help") {
    io.out(HELP_TEXT.trimEnd());
    return { exitCode: 0 };
  }

  const { config } = parsed;
  let running: Awaited<ReturnType<typeof startServer>>;
  try {
    running = await startServer(config);
  } catch (error) {
    io.err(`seqstore-server: could not start: ${describe(error)}`);
    return { exitCode: 1 };
  }
  io.out(
    `seqstore reference server listening on ${running.url} ` +
      `(db: ${redactPostgresUrl(config.db)}, region: ${config.region}, account: ${config.accountId})`,
  );
  io.out(authBanner(config));
  if (config.infoRoutes) {
    io.out(`health: ${running.url}/_seqstore/health, API reference: ${running.url}/_seqstore/docs`);
  }

  const stopped = new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      io.out(`seqstore reference server stopping (${signal})`);
      running.close().then(
        () => resolve(0),
        (error: unknown) => {
          io.err(`seqstore-server: error while stopping: ${describe(error)}`);
          resolve(1);
        },
      );
    };
    io.onSignal("SIGINT", () => stop("SIGINT"));
    io.onSignal("SIGTERM", () => stop("SIGTERM"));
  });
  return { exitCode: 0, stopped };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
