// Crash safety: a server process under create load is killed with SIGKILL at random moments. After each
// kill the database file passes an integrity check, and after each restart every create that was answered
// 200 is there unchanged, and retries of the creates that were in flight (same client token) answer one
// store each rather than a duplicate.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "../e2e/server-process.js";
import { delay, HEAVY_TEST_TIMEOUT_MS, SOAK, SignedClient } from "./harness.js";

const KILLS = SOAK ? 25 : 3;
const WORKERS = 8;
const dir = mkdtempSync(path.join(tmpdir(), "seqstore-crash-"));
const db = path.join(dir, "crash.db");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface CreateInput {
  name: string;
  description: string;
  clientToken: string;
  tags: Record<string, string>;
}

function start(): Promise<ServerProcess> {
  return startServerProcess(["--port=0", `--db=${db}`, "--max-stores=1000000", "--log-level=error"]);
}

function createOf(client: SignedClient, input: CreateInput) {
  return client.send({ method: "POST", path: "/sequencestore", body: JSON.stringify(input) });
}

function integrityCheck(): string {
  // Read-only, after the kill: what a restarted server would find.
  const sqlite = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return sqlite.pragma("integrity_check", { simple: true }) as string;
  } finally {
    sqlite.close();
  }
}

async function listIds(client: SignedClient): Promise<string[]> {
  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    const query = nextToken ? `?nextToken=${encodeURIComponent(nextToken)}` : "";
    const reply = await client.send({ method: "POST", path: `/sequencestores${query}`, body: "{}" });
    expect(reply.status, reply.body).toBe(200);
    const page = JSON.parse(reply.body) as { sequenceStores: { id: string }[]; nextToken?: string };
    ids.push(...page.sequenceStores.map((s) => s.id));
    nextToken = page.nextToken;
  } while (nextToken);
  return ids;
}

describe("SIGKILL under create load", () => {
  it(
    `keeps every acknowledged store across ${KILLS} kills`,
    async () => {
      /** Creates answered 200: token → the answer's body. */
      const acknowledged = new Map<string, Record<string, unknown>>();
      const inputs = new Map<string, CreateInput>();
      let storesChecked = 0;
      let retried = 0;
      /** In-flight creates whose retry found the store the killed process had already committed. */
      let recovered = 0;

      for (let round = 0; round < KILLS; round++) {
        const server = await start();
        const client = new SignedClient(server.url, server.credentials, WORKERS);
        /** Sent but not answered when the process died. */
        const inFlight = new Set<string>();

        // After a restart: everything acknowledged before is there, field for field.
        for (const [token, stored] of acknowledged) {
          const reply = await client.send({ method: "GET", path: `/sequencestore/${stored.id}` });
          expect(reply.status, `${token}: ${reply.body}`).toBe(200);
          expect(JSON.parse(reply.body)).toMatchObject(stored);
          storesChecked++;
        }

        let sequence = 0;
        let dead = false;
        const worker = async (w: number) => {
          while (!dead) {
            const token = `crash-${round}-${w}-${sequence++}`;
            const input: CreateInput = {
              name: `store ${token}`,
              description: `made in round ${round} by worker ${w}`,
              clientToken: token,
              tags: { round: String(round) },
            };
            inputs.set(token, input);
            inFlight.add(token);
            try {
              const reply = await createOf(client, input);
              if (reply.status === 200) {
                acknowledged.set(token, JSON.parse(reply.body) as Record<string, unknown>);
                inFlight.delete(token);
              }
            } catch {
              // The connection died with the process: the create stays in flight.
            }
          }
        };
        const load = Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
        await delay(150 + Math.floor(Math.random() * 600));
        const killedAt = Date.now();
        expect(await server.stop("SIGKILL")).toBeNull();
        dead = true;
        await load;
        client.close();

        expect(integrityCheck()).toBe("ok");

        // Retry what was in flight, with the same token, on a fresh process.
        const again = await start();
        const retryClient = new SignedClient(again.url, again.credentials, WORKERS);
        for (const token of inFlight) {
          const reply = await createOf(retryClient, inputs.get(token)!);
          expect(reply.status, reply.body).toBe(200);
          const store = JSON.parse(reply.body) as Record<string, unknown>;
          acknowledged.set(token, store);
          retried++;
          if (Date.parse(String(store.creationTime)) <= killedAt) recovered++;
        }
        // A retry of an acknowledged create answers the stored store, not a new one.
        const [someToken, someStore] = [...acknowledged].at(-1)!;
        const replay = await createOf(retryClient, inputs.get(someToken)!);
        expect(JSON.parse(replay.body)).toEqual(someStore);
        // One store per token that was ever answered 200: no duplicates from the retries.
        const ids = await listIds(retryClient);
        expect(ids.length).toBe(acknowledged.size);
        expect(new Set(ids)).toEqual(new Set([...acknowledged.values()].map((s) => s.id)));
        retryClient.close();
        expect(await again.stop()).toBe(0);
      }
      console.log(
        `crash safety: ${KILLS} SIGKILLs survived, ${acknowledged.size} stores kept, ` +
          `${storesChecked} store checks after restarts, ${retried} in-flight creates retried ` +
          `(${recovered} of them committed before the kill: answered with the stored store, not duplicated)`,
      );
      expect(acknowledged.size).toBeGreaterThan(0);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});
