import request from "supertest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp, type ReferenceServerApp } from "../src/app.js";

const config = { db: ":memory:", region: "us-west-2", accountId: "123456789012", maxStores: 2 };

describe("createApp (over HTTP, in-memory database)", () => {
  let app: ReferenceServerApp;
  beforeEach(() => {
    app = createApp(config);
  });
  afterEach(async () => {
    await app.close();
  });

  it("creates a store and answers restJson1", async () => {
    const response = await request(app)
      .post("/sequencestore")
      .set("content-type", "application/json")
      .send({ name: "wire", clientToken: "c1" });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(response.headers["x-amzn-requestid"]).toEqual(expect.any(String));
    expect(response.body).toMatchObject({
      id: expect.stringMatching(/^[0-9]{10}$/),
      arn: expect.stringMatching(/^arn:aws:omics:us-west-2:123456789012:sequenceStore\/[0-9]{10}$/),
      name: "wire",
      status: "ACTIVE",
      eTagAlgorithmFamily: "MD5up",
      sseConfig: { type: "KMS" },
    });
    // date-time timestamps travel as RFC 3339 strings.
    expect(response.body.creationTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });

  it("replays a create with the same client token", async () => {
    const first = await request(app).post("/sequencestore").send({ name: "again", clientToken: "same" });
    const second = await request(app).post("/sequencestore").send({ name: "again", clientToken: "same" });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
  });

  it.each([
    { case: "missing name", body: {}, type: "ValidationException", status: 400 },
    { case: "empty name", body: { name: "" }, type: "ValidationException", status: 400 },
    { case: "name too long", body: { name: "x".repeat(128) }, type: "ValidationException", status: 400 },
    {
      case: "unknown etag family",
      body: { name: "n", eTagAlgorithmFamily: "CRC32" },
      type: "ValidationException",
      status: 400,
    },
  ])("rejects $case with $type", async ({ body, type, status }) => {
    const response = await request(app).post("/sequencestore").send(body);
    expect(response.status).toBe(status);
    expect(response.headers["x-amzn-errortype"]).toMatch(new RegExp(`^${type}`));
    expect(response.body).toMatchObject({ message: expect.any(String) });
  });

  it("answers a reused token with different parameters with 400 ValidationException", async () => {
    await request(app).post("/sequencestore").send({ name: "one", clientToken: "tok" });
    const response = await request(app).post("/sequencestore").send({ name: "two", clientToken: "tok" });
    expect(response.status).toBe(400);
    expect(response.headers["x-amzn-errortype"]).toMatch(/^ValidationException/);
    expect(response.body.message).toContain("already used");
  });

  it("answers 402 ServiceQuotaExceededException past the quota", async () => {
    await request(app).post("/sequencestore").send({ name: "1" });
    await request(app).post("/sequencestore").send({ name: "2" });
    const response = await request(app).post("/sequencestore").send({ name: "3" });
    expect(response.status).toBe(402);
    expect(response.headers["x-amzn-errortype"]).toMatch(/^ServiceQuotaExceededException/);
  });

  it("answers 500 InternalServerException, without internals, when no free id can be drawn", async () => {
    const reported: unknown[] = [];
    const stuck = createApp(config, { newId: () => "1234567890", onError: (error) => reported.push(error) });
    try {
      expect((await request(stuck).post("/sequencestore").send({ name: "first" })).status).toBe(200);
      const response = await request(stuck).post("/sequencestore").send({ name: "second" });
      expect(response.status).toBe(500);
      expect(response.headers["x-amzn-errortype"]).toMatch(/^InternalServerException/);
      expect(response.body.message).not.toContain("1234567890");
      expect(reported).toEqual([expect.objectContaining({ name: "IdSpaceExhaustedError" })]);
    } finally {
      await stuck.close();
    }
  });
});
