// Baseline of figure 2 (and the target server of figure 4): raw node:http + JSON.parse, same body as the stub.
import { createServer } from "node:http";
import { listenAndAnnounce } from "./announce.js";
import { CREATE_PATH, CREATE_RESPONSE_WIRE } from "./fixture.js";

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    let name: unknown;
    try {
      name = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { name?: unknown }).name;
    } catch {
      name = undefined;
    }
    if (req.method !== "POST" || req.url !== CREATE_PATH || typeof name !== "string") {
      res.writeHead(400, { "content-type": "application/json" }).end('{"message":"bad request"}');
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(CREATE_RESPONSE_WIRE);
  });
});

listenAndAnnounce(server);
