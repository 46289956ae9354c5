// Idempotency under races: many concurrent creates with one client token, over separate sockets, against
// a real server process with a database file (the BEGIN IMMEDIATE path, not an in-memory shortcut).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "../e2e/server-process.js";
import { errorShapeProblems, HEAVY_TEST_TIMEOUT_MS, type Reply, SOAK, SignedClient } from "./harness.js";

const RACERS = SOAK ? 1_000 : 200;
const dir = mkdtempSync(path.join(tmpdir(), "seqstore-races-"));
let server: ServerProcess;
let client: SignedClient;

beforeAll(async () => {
  server = await startServerProcess([
    "--port=0",
    `--db=${path.join(dir, "races.db")}`,
    `--max-stores=${RACERS * 10}`,
    "--log-level=error",
  ]);
  // One socket per racer, so the requests really arrive together.
  client = new SignedClient(server.url, server.credentials, RACERS);
});

afterAll(async () => {
  client?.close();
  expect(await server.stop()).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

async function listAll(): Promise<{ id: string; name: string }[]> {
  const stores: { id: string; name: string }[] = [];
  let nextToken: string | undefined;
  do {
    const query = nextToken ? `?nextToken=${encodeURIComponent(nextToken)}` : "";
    const reply = await client.send({ method: "POST", path: `/sequencestores${query}`, body: "{}" });
    expect(reply.status, reply.body).toBe(200);
    const page = JSON.parse(reply.body) as {
      sequenceStores: { id: string; name: string }[];
      nextToken?: string;
    };
    stores.push(...page.sequenceStores);
    nextToken = page.nextToken;
  } while (nextToken);
  return stores;
}

function race(inputs: unknown[]): Promise<Reply[]> {
  return Promise.all(
    inputs.map((input) =>
      client.send({ method: "POST", path: "/sequencestore", body: JSON.stringify(input) }),
    ),
  );
}

describe("concurrent creates with one client token", () => {
  it(
    `${RACERS} identical creates make one store and ${RACERS} identical answers`,
    async () => {
      const before = await listAll();
      const input = { name: "raced", clientToken: "race-identical", tags: { k: "v" } };
      const replies = await race(Array.from({ length: RACERS }, () => input));
      expect(replies.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
      expect(new Set(replies.map((r) => r.body)).size).toBe(1);
      const after = await listAll();
      expect(after.length - before.length).toBe(1);
      expect(after.filter((s) => s.name === "raced")).toHaveLength(1);
      console.log(`idempotency race: ${RACERS} identical creates → 1 store, 1 distinct answer`);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );

  it(
    `${RACERS} creates with one token and mixed parameters make one store; the others are ValidationExceptions`,
    async () => {
      const before = await listAll();
      const inputs = Array.from({ length: RACERS }, (_, i) => ({
        name: i % 2 === 0 ? "mixed" : `mixed ${i % 7}`,
        clientToken: "race-mixed",
        ...(i % 3 === 0 ? { description: "third" } : {}),
      }));
      const replies = await race(inputs);
      const ok = replies.filter((r) => r.status === 200);
      const refused = replies.filter((r) => r.status !== 200);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      // Every success is the same store, answered the same way.
      expect(new Set(ok.map((r) => r.body)).size).toBe(1);
      const winner = JSON.parse(ok[0]!.body) as { name: string; description?: string };
      // The winner's parameters are those of exactly the inputs that succeeded.
      const same = inputs.filter(
        (i) => i.name === winner.name && i.description === winner.description,
      ).length;
      expect(ok.length).toBe(same);
      for (const reply of refused) {
        expect(reply.status, reply.body).toBe(400);
        expect(reply.headers["x-amzn-errortype"]).toBe("ValidationException");
        expect(errorShapeProblems(reply)).toEqual([]);
      }
      const after = await listAll();
      expect(after.length - before.length).toBe(1);
      console.log(`idempotency race (mixed): ${ok.length} × 200 for one store, ${refused.length} × 400`);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );

  it(
    "late duplicates of the token, sent together, still answer the first store",
    async () => {
      const first = await client.send({
        method: "POST",
        path: "/sequencestore",
        body: JSON.stringify({ name: "raced", clientToken: "race-identical", tags: { k: "v" } }),
      });
      expect(first.status).toBe(200);
      const replies = await race(
        Array.from({ length: 20 }, () => ({
          name: "raced",
          clientToken: "race-identical",
          tags: { k: "v" },
        })),
      );
      expect(new Set(replies.map((r) => r.body))).toEqual(new Set([first.body]));
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});
