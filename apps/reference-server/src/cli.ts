// Entry point of `seqstore-server` and `npm start`: runs the server until SIGINT/SIGTERM.
import { runCli } from "./main.js";

const { exitCode, stopped } = await runCli(process.argv.slice(2), process.env);
process.exitCode = stopped ? await stopped : exitCode;
