// Several instances, one truth: two server processes on one PostgreSQL database (an embedded server this
// file starts and removes) must answer exactly as one would.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "../e2e/server-process.js";
import { startTestPostgres, type TestPostgres } from "../support/embedded-postgres.js";
import { HEAVY_TEST_TIMEOUT_MS, type Reply, runPool, SignedClient, SOAK } from "./harness.js";

const RACERS = SOAK ? 1_000 : 200;
const MAX_STORES = 60;
const ACCOUNTS = {
  race: { accessKeyId: "AKIDRACE", secretAccessKey: "race-secret", accountId: "111111111111" },
  quota: { accessKeyId: "AKIDQUOTA", secretAccessKey: "quota-secret", accountId: "222222222222" },
  ids: { accessKeyId: "AKIDIDS", secretAccessKey: "ids-secret", accountId: "333333333333" },
};
const CREDENTIALS = Object.values(ACCOUNTS)
  .map((a) => `${a.accessKeyId}:${a.secretAccessKey}:${a.accountId}`)
  .join(",");

let postgres: TestPostgres;
const servers: ServerProcess[] = [];
/** clients[account][instance] */
const clients = new Map<keyof typeof ACCOUNTS, SignedClient[]>();

beforeAll(async () => {
  postgres = await startTestPostgres();
  const url = await postgres.createDatabase();
  // Started together: both migrate the fresh database at once (the advisory lock lets one do it).
  servers.push(
    ...(await Promise.all(
      [0, 1].map(() =>
        startServerProcess(["--port=0", `--db=${url}`, `--max-stores=${MAX_STORES}`, "--log-level=error"], {
          SEQSTORE_CREDENTIALS: CREDENTIALS,
        }),
      ),
    )),
  );
  for (const [name, account] of Object.entries(ACCOUNTS) as Array<
    [keyof typeof ACCOUNTS, (typeof ACCOUNTS)["race"]]
  >) {
    clients.set(
      name,
      servers.map((server) => new SignedClient(server.url, account, RACERS)),
    );
  }
}, 90_000);

afterAll(async () => {
  for (const pair of clients.values()) for (const client of pair) client.close();
  const codes = await Promise.all(servers.map((server) => server.stop()));
  await postgres?.destroy();
  expect(codes).toEqual(servers.map(() => 0));
}, 60_000);

function instance(account: keyof typeof ACCOUNTS, index: number): SignedClient {
  const pair = clients.get(account)!;
  return pair[index % pair.length]!;
}

function create(client: SignedClient, input: unknown): Promise<Reply> {
  return client.send({ method: "POST", path: "/sequencestore", body: JSON.stringify(input) });
}

/** Every store of the account, page by page, each page asked of the next instance in turn. */
async function listAcrossInstances(
  account: keyof typeof ACCOUNTS,
  maxResults = 100,
): Promise<{ id: string; name: string }[]> {
  const stores: { id: string; name: string }[] = [];
  let nextToken: string | undefined;
  let page = 0;
  do {
    const reply = await instance(account, page++).send({
      method: "POST",
      path: `/sequencestores?maxResults=${maxResults}${nextToken ? `&nextToken=${encodeURIComponent(nextToken)}` : ""}`,
      body: "{}",
    });
    expect(reply.status, reply.body).toBe(200);
    const body = JSON.parse(reply.body) as {
      sequenceStores: { id: string; name: string }[];
      nextToken?: string;
    };
    stores.push(...body.sequenceStores);
    nextToken = body.nextToken;
  } while (nextToken);
  return stores;
}

describe("two instances on one PostgreSQL", () => {
  it(
    `${RACERS} same-token creates raced across both instances make one store and ${RACERS} equal answers`,
    async () => {
      const input = { name: "raced", clientToken: "race-across-instances", tags: { k: "v" } };
      const replies = await Promise.all(
        Array.from({ length: RACERS }, (_, i) => create(instance("race", i), input)),
      );
      expect(replies.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
      expect(new Set(replies.map((r) => r.body)).size).toBe(1);
      const stores = await listAcrossInstances("race");
      expect(stores.filter((s) => s.name === "raced")).toHaveLength(1);
      console.log(`multi-instance race: ${RACERS} creates over 2 instances → 1 store, 1 distinct answer`);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );

  it(
    "holds the quota across instances: concurrent creates past it make exactly the quota's stores",
    async () => {
      const attempts = MAX_STORES * 2;
      const statuses: number[] = [];
      await runPool(attempts, 40, async (i) => {
        const reply = await create(instance("quota", i), { name: `q-${i}`, clientToken: `quota-${i}` });
        statuses.push(reply.status);
        if (reply.status === 402)
          expect(reply.headers["x-amzn-errortype"]).toBe("ServiceQuotaExceededException");
      });
      expect(statuses.filter((s) => s === 200)).toHaveLength(MAX_STORES);
      expect(statuses.filter((s) => s === 402)).toHaveLength(attempts - MAX_STORES);
      expect(await listAcrossInstances("quota")).toHaveLength(MAX_STORES);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );

  it("a nextToken from one instance works on the other", async () => {
    for (let i = 0; i < 5; i++) {
      const reply = await create(instance("race", i), { name: `paged-${i}` });
      expect(reply.status, reply.body).toBe(200);
    }
    const onePerPage = await listAcrossInstances("race", 1);
    const whole = await listAcrossInstances("race");
    expect(onePerPage).toEqual(whole);
    expect(whole.filter((s) => s.name.startsWith("paged-")).map((s) => s.name)).toEqual(
      [0, 1, 2, 3, 4].map((i) => `paged-${i}`),
    );
  });

  it(
    "ids never collide, and every store is read alike on both instances",
    async () => {
      const replies = await Promise.all(
        Array.from({ length: 50 }, (_, i) => create(instance("ids", i), { name: `ids-${i}` })),
      );
      expect(replies.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
      const ids = replies.map((r) => (JSON.parse(r.body) as { id: string }).id);
      expect(new Set(ids).size).toBe(50);
      for (const [i, id] of ids.entries()) {
        const [a, b] = await Promise.all(
          [0, 1].map((k) => instance("ids", i + k).send({ method: "GET", path: `/sequencestore/${id}` })),
        );
        expect(a!.status).toBe(200);
        expect(JSON.parse(b!.body)).toEqual(JSON.parse(a!.body));
      }
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});
