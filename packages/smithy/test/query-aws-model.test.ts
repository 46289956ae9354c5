// The query helpers on AWS's own Omics model (skipped when ../shared is absent).
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { AstModel } from "../src/ast.js";
import { errorInfo, httpBindings, operationErrors, paginatedInfo, serviceOperations } from "../src/index.js";

const path = resolve(import.meta.dirname, "../../..", "../shared/reference/aws-omics.smithy.json");
const available = existsSync(path);
const SERVICE = "com.amazonaws.omics#Omics";

describe.skipIf(!available)("query helpers on aws-omics.smithy.json", () => {
  if (!available) console.warn(`skipping: ${path} not found (../shared is absent)`);
  const model = (
    available ? JSON.parse(readFileSync(path, "utf8")) : { smithy: "2.0", shapes: {} }
  ) as AstModel;

  it("finds all 107 operations through the service's resources", () => {
    const ops = serviceOperations(model, SERVICE);
    expect(ops).toHaveLength(107);
    expect(ops).toEqual([...ops].sort());
    expect(ops).toContain("com.amazonaws.omics#CreateSequenceStore");
  });

  it("describes CreateSequenceStore's wire format", () => {
    const b = httpBindings(model, "com.amazonaws.omics#CreateSequenceStore");
    expect([b?.method, b?.uri, b?.code]).toEqual(["POST", "/sequencestore", 200]);
    expect(b?.labels).toEqual([]);
    expect(b?.body.filter((m) => m.required).map((m) => m.memberName)).toEqual(["name"]);
    const errors = operationErrors(model, SERVICE, "com.amazonaws.omics#CreateSequenceStore").map((e) => [
      errorInfo(model, e)?.name,
      errorInfo(model, e)?.httpStatus,
    ]);
    expect(errors).toContainEqual(["ThrottlingException", 429]);
    expect(errors).toContainEqual(["ValidationException", 400]);
  });

  it("binds GetReadSet's labels, query and streaming payload", () => {
    const b = httpBindings(model, "com.amazonaws.omics#GetReadSet");
    expect(b?.labels.map((l) => l.memberName).sort()).toEqual(["id", "sequenceStoreId"]);
    expect(b?.query.map((q) => q.wireName).sort()).toEqual(["file", "partNumber"]);
    expect(b?.responsePayload?.targetType).toBe("blob");
  });

  it("reads paginated operations", () => {
    expect(paginatedInfo(model, SERVICE, "com.amazonaws.omics#ListSequenceStores")).toEqual({
      inputToken: "nextToken",
      outputToken: "nextToken",
      items: "sequenceStores",
      pageSize: "maxResults",
    });
  });
});
