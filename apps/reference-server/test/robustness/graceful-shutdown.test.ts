// Graceful shutdown of a real server process: SIGTERM stops new connections, lets a slow request that is
// already in flight finish with 200, closes SQLite cleanly (WAL checkpointed and removed) and exits 0.
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { signRequest } from "@seqstore/sigv4";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { startServerProcess } from "../e2e/server-process.js";
import { delay, parseRawResponse, rawSocket } from "./harness.js";

const dir = mkdtempSync(path.join(tmpdir(), "seqstore-shutdown-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Whether a new TCP connection to the URL is accepted. */
function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

describe("SIGTERM", () => {
  it("finishes a slow in-flight create with 200, refuses new connections, and checkpoints the WAL", async () => {
    const db = path.join(dir, "shutdown.db");
    const server = await startServerProcess(["--port=0", `--db=${db}`, "--log-level=error"]);
    const body = JSON.stringify({ name: "in flight during shutdown", description: "slow upload" });
    const url = `${server.url}/sequencestore`;
    const headers = await signRequest(
      { method: "POST", url, headers: { "content-type": "application/json" }, body },
      { ...server.credentials, region: "us-east-1", service: "omics" },
    );
    const { socket, received, closed } = await rawSocket(server.url);
    const head = Object.entries({
      ...headers,
      host: new URL(url).host,
      "content-length": String(body.length),
    })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("");
    // Headers and half the body now, the rest after the signal.
    socket.write(`POST /sequencestore HTTP/1.1\r\n${head}\r\n${body.slice(0, 20)}`);
    await delay(100);

    const exited = server.stop("SIGTERM");
    // New connections are refused once the listener is closed (bounded wait: the signal is asynchronous).
    for (let i = 0; i < 100 && (await accepts(server.url)); i++) await delay(20);
    expect(await accepts(server.url)).toBe(false);

    socket.write(body.slice(20));
    await closed;
    const reply = parseRawResponse(received());
    expect(reply?.status, received()).toBe(200);
    const store = JSON.parse(reply!.body) as { id: string; name: string };
    expect(store.name).toBe("in flight during shutdown");
    expect(await exited).toBe(0);

    // SQLite was closed cleanly: the last connection checkpoints the WAL and deletes it.
    const wal = `${db}-wal`;
    expect(existsSync(wal) ? statSync(wal).size : 0).toBe(0);
    const sqlite = new Database(db, { readonly: true, fileMustExist: true });
    try {
      expect(sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(sqlite.prepare("SELECT name FROM sequence_stores WHERE id = ?").get(store.id)).toEqual({
        name: "in flight during shutdown",
      });
    } finally {
      sqlite.close();
    }
  });
});
