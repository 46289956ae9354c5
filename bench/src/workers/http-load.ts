// The load process of the HTTP figures (autocannon, in its own process: its CPU time never counts against
// a server): runs an alternating load (src/load/alternating-load.ts) and prints its result as JSON.
//   node --import tsx src/workers/http-load.ts '<AlternatingLoadConfig as JSON>'
import { type AlternatingLoadConfig, alternatingLoad } from "../load/alternating-load.js";

const config = JSON.parse(process.argv[2] ?? "{}") as AlternatingLoadConfig;
process.stdout.write(`${JSON.stringify(await alternatingLoad(config))}\n`);
