// The reference server's own routes under /_seqstore/: health, the OpenAPI document, the docs page and its
// Redoc bundle, on both front ends, without signatures, and off when configured so.
import { readFileSync } from "node:fs";
import { omicsOpenApiDocument, omicsOperationTable } from "@seqstore/server";
import request from "supertest";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app.js";
import type { AppConfig } from "../src/service.js";
import { createInfoRoutes, INFO_PREFIX } from "../src/http/info-routes.js";
import { type RunningServer, startServer } from "../src/server.js";
import type { SequenceStoreRepository } from "../src/storage/sequence-store-repository.js";
import { openSqliteRepository } from "../src/storage/sqlite/sqlite-sequence-store-repository.js";
import { LOCAL_SERVER_CONFIG } from "./fixtures/local-server-config.js";

const VERSION = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;
// Signatures on: the routes must answer without one.
const config = { ...LOCAL_SERVER_CONFIG, auth: "sigv4" as const };

/** A repository whose reads fail, as when the database is gone. */
function brokenRepository(): SequenceStoreRepository {
  const inner = openSqliteRepository(":memory:");
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === "count") return async () => Promise.reject(new Error("database is locked"));
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe.each(["node:http listener", "Express app"])("/_seqstore/ routes on the %s", (frontEnd) => {
  /** GET (or another method) on a fresh server of this front end. */
  async function get(
    path: string,
    options: { method?: string; appConfig?: Partial<AppConfig>; repository?: SequenceStoreRepository } = {},
  ) {
    const method = options.method ?? "GET";
    const deps = options.repository ? { repository: options.repository } : {};
    if (frontEnd === "Express app") {
      const app = createApp({ ...config, ...options.appConfig }, deps);
      try {
        const response = await request(app)
          [method.toLowerCase() as "get"](path)
          .buffer(true)
          .parse((res, done) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("end", () => done(null, Buffer.concat(chunks)));
          });
        return {
          status: response.status,
          headers: response.headers as Record<string, string>,
          body: response.body as Buffer,
        };
      } finally {
        await app.close();
      }
    }
    running = await startServer({ ...config, ...options.appConfig }, deps);
    const response = await fetch(`${running.url}${path}`, { method });
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: Buffer.from(await response.arrayBuffer()),
    };
  }

  it("GET /_seqstore/health: status, version, storage reachable — no signature needed", async () => {
    const response = await get("/_seqstore/health");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(response.body.toString())).toEqual({
      status: "ok",
      version: VERSION,
      apiVersion: omicsOpenApiDocument.info.version,
      storage: { reachable: true },
    });
  });

  it("GET /_seqstore/health answers 503 when storage is unreachable", async () => {
    const repository = brokenRepository();
    const response = await get("/_seqstore/health", { repository });
    await repository.close();
    expect(response.status).toBe(503);
    expect(JSON.parse(response.body.toString())).toEqual({
      status: "unavailable",
      version: VERSION,
      apiVersion: omicsOpenApiDocument.info.version,
      storage: { reachable: false, error: "database is locked" },
    });
  });

  it("GET /_seqstore/openapi.json is the generated document", async () => {
    const response = await get("/_seqstore/openapi.json");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(response.body.toString())).toEqual(omicsOpenApiDocument);
  });

  it("GET /_seqstore/docs is a page that loads the spec and Redoc from this server only", async () => {
    const response = await get("/_seqstore/docs");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    const html = response.body.toString();
    expect(html).toContain('<redoc spec-url="openapi.json"');
    expect(html).toContain('<script src="docs/redoc.standalone.js"></script>');
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await get("/_seqstore/docs/redoc.standalone.js");
    expect(bundle.status).toBe(200);
    expect(bundle.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(bundle.body.length).toBeGreaterThan(100_000);
    expect(bundle.body.toString("utf8", 0, 5_000)).toMatch(/Redoc/i);
    // Its one call outside (an attribution logo on a CDN) is gone.
    expect(bundle.body.toString()).not.toContain("cdn.redoc.ly");
  });

  it("answers 405 to other methods, 404 with the route list to unknown names", async () => {
    const post = await get("/_seqstore/health", { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe("GET, HEAD");
    const unknown = await get("/_seqstore/nothing");
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body.toString()).message).toContain("/_seqstore/health");
  });

  it("--info-routes off: the paths are the API's again (404 UnknownOperationException)", async () => {
    const response = await get("/_seqstore/health", { appConfig: { infoRoutes: false } });
    expect(response.status).toBe(404);
    expect(response.headers["x-amzn-errortype"]).toBe("UnknownOperationException");
  });
});

describe("the /_seqstore/ prefix", () => {
  it("is no operation's", () => {
    for (const operation of omicsOperationTable.operations) {
      expect(operation.uri.startsWith(INFO_PREFIX)).toBe(false);
      expect(operation.uri.startsWith("/_seqstore")).toBe(false);
    }
  });

  it("a storage probe that hangs answers 503 after the probe timeout", async () => {
    const routes = createInfoRoutes({
      document: omicsOpenApiDocument,
      version: "9.9.9",
      probeStorage: () => new Promise(() => {}),
      probeTimeoutMs: 50,
    });
    const { createServer } = await import("node:http");
    const server = createServer((req, res) => {
      if (!routes(req, res)) res.end("not mine");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/_seqstore/health`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        storage: { reachable: false, error: "no answer within 50 ms" },
      });
      expect(await (await fetch(`http://127.0.0.1:${port}/sequencestore`)).text()).toBe("not mine");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
