// Ours in figure 2: the generated server stub on its node:http adapter (no Express).
import { createServer } from "node:http";
import { omicsService } from "@seqstore/server";
import { listenAndAnnounce } from "./announce.js";
import { findNodeAdapter } from "./node-adapter.js";
import { stubHandlers } from "./stub-handlers.js";

const adapter = await findNodeAdapter();
if (!adapter) {
  process.stderr.write("@seqstore/server exports no node:http adapter\n");
  process.exit(1);
}
listenAndAnnounce(createServer(adapter.factory(omicsService, stubHandlers)));
