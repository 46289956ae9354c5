// The generated paginators (from ListSequenceStores' @paginated trait) against a fake service.
// The `expectTypeOf` checks are compile-time: `tsc -p tsconfig.json` fails when the types drift.
import type { ListSequenceStoresResponse, SequenceStoreDetail, SequenceStoreFilter } from "@seqstore/types";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  createOmicsBaseClient,
  createOmicsClient,
  type MetadataBearer,
  paginateListSequenceStores,
  paginateListSequenceStoresPages,
  ValidationException,
} from "../src/index.js";
import { type CannedResponse, fakeFetch } from "./fake-fetch.js";

const json = { "content-type": "application/json" };

function store(id: string) {
  return {
    id,
    arn: `arn:aws:omics:us-east-1:123456789012:sequenceStore/${id}`,
    creationTime: "2024-05-01T12:30:45Z",
  };
}

/** A 200 response holding the stores with these IDs and, when given, a next token. */
function page(ids: string[], nextToken?: string): CannedResponse {
  return { status: 200, headers: json, body: { sequenceStores: ids.map(store), nextToken } };
}

function clientAnswering(...responses: CannedResponse[]) {
  const fake = fakeFetch(...responses);
  const client = createOmicsClient({
    baseUrl: "http://omics.test",
    fetch: fake.fetch,
    maxAttempts: 1,
  });
  return { client, requests: fake.requests };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

const tokensSent = (requests: { url: URL }[]) => requests.map((r) => r.url.searchParams.get("nextToken"));

describe("paginateListSequenceStores", () => {
  it("yields the items of every page, following nextToken until it is absent", async () => {
    const { client, requests } = clientAnswering(page(["a", "b"], "t1"), page(["c"], "t2"), page(["d"]));
    const stores = await collect(client.paginateListSequenceStores());
    expect(stores.map((s) => s.id)).toEqual(["a", "b", "c", "d"]);
    expect(stores[0]?.creationTime).toEqual(new Date("2024-05-01T12:30:45Z"));
    expect(tokensSent(requests)).toEqual([null, "t1", "t2"]);
  });

  it.each([
    ["an empty token", ""],
    ["a null token", null],
  ])("stops at %s", async (_, token) => {
    const { client, requests } = clientAnswering(
      page(["a"], "t1"),
      { status: 200, headers: json, body: { sequenceStores: [store("b")], nextToken: token } },
      page(["never"]),
    );
    expect((await collect(client.paginateListSequenceStores())).map((s) => s.id)).toEqual(["a", "b"]);
    expect(requests).toHaveLength(2);
  });

  it("goes on past an empty page that carries a token", async () => {
    const { client } = clientAnswering(
      page(["a"], "t1"),
      page([], "t2"),
      { status: 200, headers: json, body: { nextToken: "t3" } },
      page(["b"]),
    );
    expect((await collect(client.paginateListSequenceStores())).map((s) => s.id)).toEqual(["a", "b"]);
  });

  it("sends the page size as maxResults and the filter on every request", async () => {
    const { client, requests } = clientAnswering(page(["a"], "t1"), page(["b"]));
    const filter: SequenceStoreFilter = { name: "prod" };
    await collect(client.paginateListSequenceStores({ filter }, { pageSize: 1 }));
    expect(requests.map((r) => r.url.searchParams.get("maxResults"))).toEqual(["1", "1"]);
    expect(requests.map((r) => JSON.parse(r.body))).toEqual([{ filter }, { filter }]);
  });

  it("keeps the input's own maxResults and nextToken when no options override them", async () => {
    const { client, requests } = clientAnswering(page(["a"]));
    await collect(client.paginateListSequenceStores({ maxResults: 7, nextToken: "saved" }));
    expect(requests[0]?.url.searchParams.get("maxResults")).toBe("7");
    expect(tokensSent(requests)).toEqual(["saved"]);
  });

  it("starts from options.startingToken", async () => {
    const { client, requests } = clientAnswering(page(["c"], "t3"), page(["d"]));
    const stores = await collect(
      client.paginateListSequenceStores({ nextToken: "ignored" }, { startingToken: "t2" }),
    );
    expect(stores.map((s) => s.id)).toEqual(["c", "d"]);
    expect(tokensSent(requests)).toEqual(["t2", "t3"]);
  });

  it.each([
    ["the token it was sent", [page(["a"], "t1"), page(["b"], "t1")], 2],
    ["a token from an earlier page", [page(["a"], "t1"), page(["b"], "t2"), page(["c"], "t1")], 3],
    ["the starting token", [page(["a"], "start")], 1],
  ])("throws instead of looping when the service repeats %s", async (_, responses, calls) => {
    const { client, requests } = clientAnswering(...responses);
    const startingToken = calls === 1 ? "start" : undefined;
    const iteration = collect(client.paginateListSequenceStores({}, startingToken ? { startingToken } : {}));
    await expect(iteration).rejects.toThrow(
      /^ListSequenceStores: the service sent the pagination token "(t1|start)" again/,
    );
    expect(requests).toHaveLength(calls);
  });

  it("propagates a failed call and stops", async () => {
    const { client, requests } = clientAnswering(page(["a"], "t1"), {
      status: 400,
      headers: { ...json, "x-amzn-ErrorType": "ValidationException" },
      body: { message: "bad token" },
    });
    const seen: string[] = [];
    const iteration = (async () => {
      for await (const s of client.paginateListSequenceStores()) seen.push(s.id);
    })();
    await expect(iteration).rejects.toBeInstanceOf(ValidationException);
    expect(seen).toEqual(["a"]);
    expect(requests).toHaveLength(2);
  });

  it("asks for the next page only when the loop wants more", async () => {
    const { client, requests } = clientAnswering(page(["a", "b"], "t1"), page(["c"]));
    for await (const s of client.paginateListSequenceStores()) {
      if (s.id === "a") break;
    }
    expect(requests).toHaveLength(1);
  });
});

describe("paginateListSequenceStoresPages", () => {
  it("yields whole responses with their metadata", async () => {
    const { client } = clientAnswering(
      { ...page(["a"], "t1"), headers: { ...json, "x-amzn-RequestId": "r1" } },
      { ...page(["b"]), headers: { ...json, "x-amzn-RequestId": "r2" } },
    );
    const pages = await collect(client.paginateListSequenceStoresPages({}, { pageSize: 1 }));
    expect(pages.map((p) => [p.nextToken, p.sequenceStores?.length, p.$metadata.requestId])).toEqual([
      ["t1", 1, "r1"],
      [undefined, 1, "r2"],
    ]);
  });

  it("works as a standalone function over the base client", async () => {
    const baseAnswering = (...responses: CannedResponse[]) =>
      createOmicsBaseClient({ baseUrl: "http://omics.test", fetch: fakeFetch(...responses).fetch });
    const pages = await collect(
      paginateListSequenceStoresPages(baseAnswering(page(["a"], "t1"), page(["b"]))),
    );
    expect(pages.map((p) => p.nextToken)).toEqual(["t1", undefined]);
    const base = baseAnswering(page(["a"], "t1"), page(["b"]));
    const stores = await collect(paginateListSequenceStores(base, { filter: { name: "x" } }));
    expect(stores.map((s) => s.id)).toEqual(["a", "b"]);
  });
});

describe("paginator types", () => {
  it("types items as the list's member shape and pages as the output", () => {
    const client = createOmicsClient({ baseUrl: "http://omics.test" });
    expectTypeOf(client.paginateListSequenceStores()).toEqualTypeOf<
      AsyncGenerator<SequenceStoreDetail, void, undefined>
    >();
    expectTypeOf(client.paginateListSequenceStoresPages()).toEqualTypeOf<
      AsyncGenerator<ListSequenceStoresResponse & MetadataBearer, void, undefined>
    >();
    expectTypeOf(client.paginateListSequenceStores)
      .parameter(1)
      .toEqualTypeOf<{ pageSize?: number; startingToken?: string } | undefined>();
    // @ts-expect-error: the input is the operation's input structure, not anything
    client.paginateListSequenceStores({ unknownMember: 1 });
    // @ts-expect-error: pageSize is a number
    client.paginateListSequenceStores({}, { pageSize: "10" });
  });
});
