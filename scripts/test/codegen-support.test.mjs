// The generators' support list: it parses, the docs table says the same, and runners of foreign models
// can leave out the operations that need what the generators lack (generate.test.mjs: generate stops).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  FEATURES_DOC,
  readCodegenSupport,
  renderFeaturesTable,
  TABLE_END,
  TABLE_START,
  withoutUnsupportedOperations,
} from "../lib/generate/codegen-support.mjs";
import { SHOP_MODEL, scriptsDir } from "./helpers.mjs";

const repoRoot = join(scriptsDir, "..");

describe("the support list and the docs table", () => {
  it("has one row per entry, saying the same (node scripts/features-table.mjs rewrites it)", async () => {
    const doc = readFileSync(join(repoRoot, FEATURES_DOC), "utf8");
    const start = doc.indexOf(TABLE_START);
    const end = doc.indexOf(TABLE_END);
    expect(start, `${FEATURES_DOC} lacks ${TABLE_START}`).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    const shown = doc.slice(start + TABLE_START.length, end).trim();
    const expected = renderFeaturesTable(await readCodegenSupport());
    expect(
      shown,
      `run node scripts/features-table.mjs: the table in ${FEATURES_DOC} must be:\n${expected}`,
    ).toBe(expected);
  });

  it("marks event streams, event headers and event payloads supported on both sides", async () => {
    const { features } = await readCodegenSupport();
    const events = features.filter(
      (entry) =>
        (entry.trait === "smithy.api#streaming" && entry.on?.includes("union")) ||
        entry.trait === "smithy.api#eventHeader" ||
        entry.trait === "smithy.api#eventPayload",
    );
    expect(events.map((e) => [e.trait, e.client, e.server])).toEqual([
      ["smithy.api#streaming", "supported", "supported"],
      ["smithy.api#eventHeader", "supported", "supported"],
      ["smithy.api#eventPayload", "supported", "supported"],
    ]);
  });

  it("marks streaming blobs supported, with @requiresLength and aws.auth#unsignedPayload", async () => {
    const { features } = await readCodegenSupport();
    /** @param {string} trait @param {string} [on] */
    const sides = (trait, on) =>
      features
        .filter((e) => e.trait === trait && (on === undefined || e.on?.includes(on)))
        .map((e) => [e.client, e.server]);
    expect(sides("smithy.api#streaming", "blob")).toEqual([["supported", "supported"]]);
    expect(sides("smithy.api#requiresLength")).toEqual([["supported", "supported"]]);
    expect(sides("aws.auth#unsignedPayload")).toEqual([["supported", "partial"]]);
  });

  it("renders a changed entry into a different table", async () => {
    const support = await readCodegenSupport();
    const flipped = {
      features: support.features.map((e) =>
        e.trait === "smithy.api#httpPrefixHeaders"
          ? { ...e, server: e.server === "supported" ? "unsupported" : "supported" }
          : e,
      ),
    };
    expect(renderFeaturesTable(/** @type {typeof support} */ (flipped))).not.toBe(
      renderFeaturesTable(support),
    );
  });
});

const PROTOCOL_TESTS = join(repoRoot, "..", "shared", "conformance", "protocol-tests");

describe("withoutUnsupportedOperations", () => {
  it.skipIf(!existsSync(PROTOCOL_TESTS))(
    `keeps the restJson1 protocol tests' event-stream operations, which the generators implement (skipped when ${PROTOCOL_TESTS} is absent)`,
    async () => {
      const smithy = await import("@seqstore/smithy");
      const loaded = smithy.loadModelFromPaths([
        join(PROTOCOL_TESTS, "model"),
        join(PROTOCOL_TESTS, "traits"),
      ]);
      const service = "aws.protocoltests.restjson#RestJson";
      const { model, excluded } = await withoutUnsupportedOperations(loaded, service);
      const streams = [
        "DuplexStream",
        "DuplexStreamWithDistinctStreams",
        "DuplexStreamWithInitialMessages",
        "InputStream",
        "InputStreamWithInitialRequest",
        "OutputStream",
        "OutputStreamWithInitialResponse",
      ].map((name) => `aws.protocoltests.restjson#${name}`);
      for (const [id, events] of excluded) {
        expect(streams, `${id} was left out: ${events.map((e) => e.message).join("; ")}`).not.toContain(id);
      }
      for (const id of streams) expect(smithy.serviceOperations(model, service)).toContain(id);
      const left = smithy.serviceOperations(model, service);
      expect(left.length + excluded.size).toBe(smithy.serviceOperations(loaded.model, service).length);
      expect(left.some((id) => excluded.has(id))).toBe(false);
    },
    60_000,
  );

  it("refuses a model whose service itself needs what the generators lack", async () => {
    const smithy = await import("@seqstore/smithy");
    const loaded = smithy.loadModel({
      sources: [
        {
          filename: "shop.smithy",
          text: SHOP_MODEL.replace("service Shop {", "@aws.protocols#restJson1\n@cors\nservice Shop {"),
        },
      ],
    });
    await expect(withoutUnsupportedOperations(loaded, "example.shop#Shop")).rejects.toThrow(
      /shop\.smithy:\d+:1: ERROR Trait `@cors` on service `example\.shop#Shop`/,
    );
  });
});
