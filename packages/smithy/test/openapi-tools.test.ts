// The documents we generate must be accepted by the tools downstream packages feed them to.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import express from "express";
import * as OpenApiValidator from "express-openapi-validator";
import openapiTS, { astToString } from "openapi-typescript";
import request from "supertest";
import { describe, expect, it } from "vitest";
import type { AstModel } from "../src/ast.js";
import { convertToOpenApi } from "../src/index.js";
import type { JsonObject } from "../src/index.js";

const repoRoot = resolve(import.meta.dirname, "../../..");
const awsModelPath = resolve(repoRoot, "../shared/reference/aws-omics.smithy.json");
const available = existsSync(awsModelPath);

function awsDocument(version: "3.0.2" | "3.1.0"): JsonObject {
  const model = JSON.parse(readFileSync(awsModelPath, "utf8")) as AstModel;
  const result = convertToOpenApi(model, {
    service: "com.amazonaws.omics#Omics",
    ignoreUnsupportedTraits: true,
    version,
  });
  if (!result.document) throw new Error(result.events.map((e) => e.message).join("; "));
  return result.document;
}

describe.skipIf(!available)("AWS Omics model through downstream tools", () => {
  if (!available) console.warn(`skipping: ${awsModelPath} not found (../shared is absent)`);

  it.each(["3.0.2", "3.1.0"] as const)("converts all operations (OpenAPI %s)", (version) => {
    const doc = awsDocument(version);
    const operations = Object.values(doc.paths as JsonObject).flatMap((item) =>
      Object.keys(item as JsonObject),
    );
    expect(operations).toHaveLength(107);
  });

  it.each(["3.0.2", "3.1.0"] as const)(
    "openapi-typescript generates types (OpenAPI %s)",
    async (version) => {
      const ast = await openapiTS(awsDocument(version) as never);
      const source = astToString(ast);
      expect(source).toContain("CreateSequenceStoreRequestContent");
      expect(source).toContain('"/sequencestore"');
    },
    60_000,
  );

  it.each(["3.0.2", "3.1.0"] as const)(
    "express-openapi-validator validates requests (OpenAPI %s)",
    async (version) => {
      const app = express();
      app.use(express.json());
      app.use(
        OpenApiValidator.middleware({
          apiSpec: awsDocument(version) as never,
          validateRequests: true,
          validateResponses: false,
        }),
      );
      app.post("/sequencestore", (_req, res) => {
        res.json({ ok: true });
      });
      app.use(
        (
          err: { status?: number; message: string },
          _req: express.Request,
          res: express.Response,
          _next: express.NextFunction,
        ) => {
          res.status(err.status ?? 500).json({ message: err.message });
        },
      );
      // The sigv4 scheme is an apiKey in the Authorization header: any value passes the validator.
      const auth = "AWS4-HMAC-SHA256 Credential=x";
      const good = await request(app)
        .post("/sequencestore")
        .set("Authorization", auth)
        .send({ name: "Genomes ü" });
      expect(good.status).toBe(200);
      const bad = await request(app)
        .post("/sequencestore")
        .set("Authorization", auth)
        .send({ description: "no name" });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain("name");
    },
    60_000,
  );
});
