// Over HTTP: a create is answered 200 only once its commit is on the disk; a failed sync answers 500
// InternalServerException (retryable, as the model says) and never reports the store as created.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startServer } from "../src/server.js";
import { openSqliteRepository } from "../src/storage/sqlite/sqlite-sequence-store-repository.js";
import type { SyncFile } from "../src/storage/sqlite/wal-sync.js";
import { LOCAL_SERVER_CONFIG } from "./fixtures/local-server-config.js";

const config = LOCAL_SERVER_CONFIG;

function create(url: string, name: string): Promise<Response> {
  return fetch(`${url}/sequencestore`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name, clientToken: `token-${name}` }),
  });
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "seqstore-durable-http-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("durable answers", () => {
  it.each([
    { sync: "succeeds", status: 200, errorType: null },
    { sync: "fails", status: 500, errorType: "InternalServerException" },
  ])("answers $status when the log sync $sync", async ({ sync, status, errorType }) => {
    let syncs = 0;
    const syncFile: SyncFile = (_fd, done) => {
      syncs += 1;
      setImmediate(() => done(sync === "fails" ? Object.assign(new Error("EIO"), { code: "EIO" }) : null));
    };
    const repository = openSqliteRepository(path.join(dir, "db.sqlite"), { syncFile });
    const running = await startServer(config, { repository, onError: () => {} });
    try {
      const response = await create(running.url, "durable");
      expect(response.status).toBe(status);
      expect(response.headers.get("x-amzn-errortype")).toBe(errorType);
      const body = (await response.json()) as Record<string, unknown>;
      if (status === 200) expect(body).toMatchObject({ name: "durable", status: "ACTIVE" });
      // A failure answer tells nothing about the store.
      else expect(body).not.toHaveProperty("id");
      expect(syncs).toBeGreaterThan(0);
    } finally {
      await running.close();
      await repository.close();
    }
  });
});
