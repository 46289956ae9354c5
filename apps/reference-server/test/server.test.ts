import { describe, expect, it } from "vitest";
import { startServer } from "../src/server.js";
import type { SequenceStoreRepository } from "../src/storage/sequence-store-repository.js";
import { openSqliteRepository } from "../src/storage/sqlite/sqlite-sequence-store-repository.js";
import { LOCAL_SERVER_CONFIG } from "./fixtures/local-server-config.js";

// The subject here is starting and stopping; signatures are tested elsewhere.
const config = LOCAL_SERVER_CONFIG;

/** A repository whose creates wait until the test lets them go, to hold a request in flight. */
function gatedRepository(): {
  repository: SequenceStoreRepository;
  entered: Promise<void>;
  release: () => void;
} {
  const inner = openSqliteRepository(":memory:");
  let release!: () => void;
  let enter!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const entered = new Promise<void>((resolve) => {
    enter = resolve;
  });
  const repository: SequenceStoreRepository = {
    create: async (command) => {
      enter();
      await gate;
      return inner.create(command);
    },
    get: (accountId, id) => inner.get(accountId, id),
    list: (accountId, page) => inner.list(accountId, page),
    update: (command) => inner.update(command),
    delete: (command) => inner.delete(command),
    secret: (name) => inner.secret(name),
    count: (accountId) => inner.count(accountId),
    readSetEngine: () => inner.readSetEngine(),
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
  return { repository, entered, release };
}

function create(url: string, name: string): Promise<Response> {
  return fetch(`${url}/sequencestore`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name }),
  });
}

/** Sends a create and hangs up once its handler is running (the gated repository's create was entered). */
async function abandonCreate(url: string, name: string, entered: Promise<void>): Promise<void> {
  const client = new AbortController();
  const abandoned = fetch(`${url}/sequencestore`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name }),
    signal: client.signal,
  }).catch(() => "aborted");
  await entered;
  client.abort();
  expect(await abandoned).toBe("aborted");
}

describe("startServer", () => {
  it("reports the bound URL and stops even with an idle keep-alive connection open", async () => {
    const running = await startServer(config);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await create(running.url, "kept alive");
    expect(response.status).toBe(200);
    await response.json();
    await running.close();
    await expect(create(running.url, "after close")).rejects.toThrow();
  });

  it("lets a request in flight finish before it closes", async () => {
    const { repository, entered, release } = gatedRepository();
    const running = await startServer(config, { repository });
    const inFlight = create(running.url, "in flight");
    await entered;
    let closed = false;
    const closing = running.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ name: "in flight" });
    await closing;
    expect(closed).toBe(true);
    await repository.close();
  });

  it("waits for a handler whose client hung up before it closes storage", async () => {
    const { repository, entered, release } = gatedRepository();
    const errors: unknown[] = [];
    const running = await startServer(config, { repository, onError: (error) => errors.push(error) });
    await abandonCreate(running.url, "abandoned", entered);
    let closed = false;
    const closing = running.close().then(() => {
      closed = true;
    });
    // The HTTP server has no connection left to wait for: only the handler holds the close back.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(closed).toBe(false);
    release();
    await closing;
    const stored = await repository.list(config.accountId, { limit: 10 });
    expect(stored.map((store) => store.name)).toEqual(["abandoned"]);
    expect(errors).toEqual([]);
    await repository.close();
  });

  it("closes storage after handlerDrainMs when a handler never settles", async () => {
    const { repository, entered, release } = gatedRepository();
    const running = await startServer(config, { repository, handlerDrainMs: 100 });
    await abandonCreate(running.url, "stuck", entered);
    const started = performance.now();
    await running.close();
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    release();
    await repository.close();
  });
});
