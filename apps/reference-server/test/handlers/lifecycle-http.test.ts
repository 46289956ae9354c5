import request from "supertest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp, type ReferenceServerApp } from "../../src/app.js";

// The lifecycle operations over HTTP (supertest against createApp): bindings, status codes and error types.
// Signatures are the auth tests' business; here every request acts for the configured account.
const config = {
  db: ":memory:",
  region: "us-west-2",
  accountId: "123456789012",
  maxStores: 300,
  auth: "none" as const,
  logLevel: "silent" as const,
};

describe("sequence store lifecycle over HTTP", () => {
  let app: ReferenceServerApp;
  beforeEach(() => {
    app = createApp(config);
  });
  afterEach(async () => {
    await app.close();
  });

  async function create(name: string): Promise<{ id: string; creationTime: string }> {
    const response = await request(app).post("/sequencestore").send({ name });
    expect(response.status).toBe(200);
    return response.body;
  }

  it("gets, updates, lists and deletes a store", async () => {
    const store = await create("wire");

    const got = await request(app).get(`/sequencestore/${store.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: store.id, name: "wire", updateTime: store.creationTime });

    const updated = await request(app)
      .patch(`/sequencestore/${store.id}`)
      .send({ name: "renamed", description: "patched" });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: store.id, name: "renamed", description: "patched" });
    expect(updated.body.updateTime).toMatch(/^\d{4}-\d\d-\d\dT/);

    const listed = await request(app)
      .post("/sequencestores")
      .send({ filter: { name: "renamed" } });
    expect(listed.status).toBe(200);
    expect(listed.body.sequenceStores.map((s: { id: string }) => s.id)).toEqual([store.id]);
    expect(listed.body).not.toHaveProperty("nextToken");

    const deleted = await request(app).delete(`/sequencestore/${store.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({});

    const again = await request(app).delete(`/sequencestore/${store.id}`);
    expect(again.status).toBe(404);
    expect(again.headers["x-amzn-errortype"]).toMatch(/^ResourceNotFoundException/);
    expect(again.body).toEqual({ message: `Sequence store ${store.id} not found.` });
  });

  it("ignores members the update input does not have (immutable ones included)", async () => {
    const store = await create("fixed");
    const response = await request(app)
      .patch(`/sequencestore/${store.id}`)
      .send({
        eTagAlgorithmFamily: "SHA512up",
        sseConfig: { type: "KMS", keyArn: "arn:aws:kms:x" },
        tags: { a: "b" },
      });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ eTagAlgorithmFamily: "MD5up", sseConfig: { type: "KMS" } });
    expect(response.body.sseConfig).not.toHaveProperty("keyArn");
  });

  it("accepts an empty list body and pages with maxResults and nextToken in the query", async () => {
    for (let i = 0; i < 5; i++) await create(`s${i}`);
    const first = await request(app).post("/sequencestores?maxResults=2").send({});
    expect(first.status).toBe(200);
    expect(first.body.sequenceStores).toHaveLength(2);
    const second = await request(app)
      .post("/sequencestores")
      .query({ maxResults: 2, nextToken: first.body.nextToken })
      .send({});
    expect(second.status).toBe(200);
    expect(second.body.sequenceStores[0].id).not.toBe(first.body.sequenceStores[0].id);
  });

  it.each([
    { case: "maxResults 0", query: { maxResults: 0 }, path: "/maxResults" },
    { case: "maxResults 101", query: { maxResults: 101 }, path: "/maxResults" },
    { case: "a forged nextToken", query: { nextToken: "v1.e30.AAAA" }, path: "/nextToken" },
  ])("answers 400 ValidationException for $case", async ({ query, path }) => {
    const response = await request(app).post("/sequencestores").query(query).send({});
    expect(response.status).toBe(400);
    expect(response.headers["x-amzn-errortype"]).toMatch(/^ValidationException/);
    expect(response.body.fieldList.map((f: { path: string }) => f.path)).toContain(path);
  });

  it.each([
    { method: "get" as const, case: "a malformed id" },
    { method: "delete" as const, case: "a malformed id" },
  ])("answers 400 to $method of $case", async ({ method }) => {
    const response = await request(app)[method]("/sequencestore/not-digits");
    expect(response.status).toBe(400);
    expect(response.headers["x-amzn-errortype"]).toMatch(/^ValidationException/);
  });

  it("frees the quota on delete", async () => {
    const small = createApp({ ...config, maxStores: 1 });
    try {
      const first = await request(small).post("/sequencestore").send({ name: "one" });
      expect((await request(small).post("/sequencestore").send({ name: "two" })).status).toBe(402);
      await request(small).delete(`/sequencestore/${first.body.id}`);
      expect((await request(small).post("/sequencestore").send({ name: "two" })).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});
