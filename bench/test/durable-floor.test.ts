// The durable floor of figure 3 (src/servers/durable-floor.ts): its database goes where it is told, a
// client token is looked up before an insert, and it answers only what it stored.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBenchServer } from "../src/figures/servers.js";
import type { ServerProcess } from "../src/process/server-process.js";

const databaseDir = mkdtempSync(path.join(tmpdir(), "seqstore-durable-floor-"));
let server: ServerProcess;

beforeAll(async () => {
  server = await startBenchServer("durable-floor", [databaseDir]);
});

afterAll(async () => {
  await server?.stop();
  rmSync(databaseDir, { recursive: true, force: true });
});

async function create(body: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/sequencestore`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe("durable-floor server", () => {
  it("keeps its database (and its write-ahead log) in the directory it was given", () => {
    expect(existsSync(path.join(databaseDir, "durable-floor.db"))).toBe(true);
    expect(existsSync(path.join(databaseDir, "durable-floor.db-wal"))).toBe(true);
  });

  it("creates a store and answers it; the same client token answers the same store", async () => {
    const first = await create(JSON.stringify({ name: "floor-a", clientToken: "token-a" }));
    expect(first.status).toBe(200);
    expect(first.json).toEqual({
      id: expect.stringMatching(/^\d{10}$/),
      arn: `arn:aws:omics:us-east-1:123456789012:sequenceStore/${String(first.json.id)}`,
      name: "floor-a",
      creationTime: expect.any(String),
      status: "ACTIVE",
    });
    expect(Number.isNaN(Date.parse(String(first.json.creationTime)))).toBe(false);
    expect(await create(JSON.stringify({ name: "floor-a", clientToken: "token-a" }))).toEqual(first);
    const other = await create(JSON.stringify({ name: "floor-b", clientToken: "token-b" }));
    expect(other.json.id).not.toBe(first.json.id);
  });

  it("answers concurrent creates, each its own store", async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => create(JSON.stringify({ name: `c-${i}`, clientToken: `c-${i}` }))),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(new Set(answers.map((answer) => answer.json.id)).size).toBe(20);
  });

  it("refuses a body that is not JSON or has no name", async () => {
    expect((await create("not json")).status).toBe(400);
    expect((await create(JSON.stringify({ clientToken: "x" }))).status).toBe(400);
  });
});
