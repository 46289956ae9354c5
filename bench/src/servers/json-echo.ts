// Baseline of figure 3: raw node:http that parses the JSON body and sends it back.
import { createServer } from "node:http";
import { listenAndAnnounce } from "./announce.js";

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    try {
      const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(parsed));
    } catch {
      res.writeHead(400, { "content-type": "application/json" }).end('{"message":"bad json"}');
    }
  });
});

listenAndAnnounce(server);
