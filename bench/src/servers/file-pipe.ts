// Baseline of figures 16 and 17: raw node:http and `pipe`, files on the disk the reference server uses.
// PUT /files/<name> pipes the request body into <dir>/<name>; GET /files/<name> pipes that file into the
// response. No auth, no checksum, no fsync: the floor any server that moves the bytes through Node has.
import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import { listenAndAnnounce } from "./announce.js";

const dir = process.argv[2];
if (!dir) throw new Error("usage: file-pipe.ts <directory for the files>");
const NAME = /^\/files\/([A-Za-z0-9_-]{1,64})$/;

const server = createServer((req, res) => {
  const name = NAME.exec(req.url ?? "")?.[1];
  const fail = (status: number, message: string) => {
    if (!res.headersSent) res.writeHead(status, { "content-type": "text/plain" });
    res.end(message);
  };
  if (!name) return fail(404, "no such path");
  const file = path.join(dir, name);
  if (req.method === "PUT") {
    const out = createWriteStream(file);
    out.on("error", (error) => fail(500, error.message));
    req.pipe(out).on("finish", () => res.writeHead(200).end());
    return;
  }
  if (req.method === "GET") {
    stat(file).then(
      ({ size }) => {
        res.writeHead(200, { "content-type": "application/octet-stream", "content-length": size });
        createReadStream(file)
          .on("error", (error) => res.destroy(error))
          .pipe(res);
      },
      () => fail(404, "no such file"),
    );
    return;
  }
  fail(405, "PUT or GET");
});

listenAndAnnounce(server);
