// The breaking-change policy: an ERROR from smithy diff fails unless the service version was bumped
// or the change is acknowledged in model/breaking-changes.json.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AcknowledgementsError,
  acknowledges,
  chooseBase,
  evaluateBreakingPolicy,
  PLACEHOLDER_REASON,
  readAcknowledgements,
} from "../lib/breaking-policy.mjs";
import {
  cleanEnv,
  commitAll,
  git,
  initRepo,
  removeDir,
  runScript,
  SHOP_BUILD_CONFIG,
  SHOP_MODEL,
  tempDir,
  writeFiles,
} from "./helpers.mjs";

/** @typedef {import("@seqstore/smithy").DiffEvent} DiffEvent */

/** @type {DiffEvent} */
const REMOVED = {
  id: "RemovedEntityBinding",
  severity: "ERROR",
  shapeId: "example.shop#ListItems",
  message: "Removed operation",
};
/** @type {DiffEvent} */
const REQUIRED = {
  id: "ChangedNullability.AddedRequiredTrait",
  severity: "ERROR",
  shapeId: "example.shop#GetItemInput$id",
  message: "Made member required",
};
/** @type {DiffEvent} */
const ADDED = {
  id: "AddedMember",
  severity: "NOTE",
  shapeId: "example.shop#GetItemOutput$price",
  message: "Added",
};

const V1 = new Map([["example.shop#Shop", "2024-01-01"]]);
const V2 = new Map([["example.shop#Shop", "2025-01-01"]]);
/** @param {string} id @param {string} shapeId */
const ack = (id, shapeId) => ({ id, shapeId, reason: "nobody calls it yet" });

describe("evaluateBreakingPolicy", () => {
  it.each([
    { name: "compatible changes pass", events: [ADDED], after: V1, acks: [], ok: true },
    { name: "an ERROR fails", events: [REMOVED, ADDED], after: V1, acks: [], ok: false },
    {
      name: "a service version bump accepts every ERROR",
      events: [REMOVED, REQUIRED],
      after: V2,
      acks: [],
      ok: true,
    },
    {
      name: "acknowledging every ERROR passes",
      events: [REMOVED, REQUIRED],
      after: V1,
      acks: [ack("RemovedEntityBinding", REMOVED.shapeId), ack("ChangedNullability", REQUIRED.shapeId)],
      ok: true,
    },
    {
      name: "acknowledging some ERRORs fails",
      events: [REMOVED, REQUIRED],
      after: V1,
      acks: [ack("RemovedEntityBinding", REMOVED.shapeId)],
      ok: false,
    },
    {
      name: "an acknowledgement for another shape does not count",
      events: [REMOVED],
      after: V1,
      acks: [ack("RemovedEntityBinding", "example.shop#GetItem")],
      ok: false,
    },
  ])("$name", ({ events, after, acks, ok }) => {
    const verdict = evaluateBreakingPolicy({
      events,
      versionsBefore: V1,
      versionsAfter: after,
      acknowledged: acks,
    });
    expect(verdict.ok).toBe(ok);
  });

  it("reports which ERRORs are not acknowledged and which acknowledgements are unused", () => {
    const unused = ack("RemovedShape", "example.shop#Gone");
    const verdict = evaluateBreakingPolicy({
      events: [REMOVED, REQUIRED, ADDED],
      versionsBefore: V1,
      versionsAfter: V1,
      acknowledged: [ack("RemovedEntityBinding", REMOVED.shapeId), unused],
    });
    expect(verdict.breaking).toEqual([REMOVED, REQUIRED]);
    expect(verdict.unacknowledged).toEqual([REQUIRED]);
    expect(verdict.unused).toEqual([unused]);
    expect(verdict.bumps).toEqual([]);
  });

  it("a new service is not a version bump", () => {
    const verdict = evaluateBreakingPolicy({
      events: [REMOVED],
      versionsBefore: V1,
      versionsAfter: new Map([["example.shop#Shop2", "2025-01-01"]]),
      acknowledged: [],
    });
    expect(verdict.bumps).toEqual([]);
    expect(verdict.ok).toBe(false);
  });
});

describe("acknowledges", () => {
  it.each([
    { id: "ChangedNullability.AddedRequiredTrait", matches: true },
    { id: "ChangedNullability", matches: true },
    { id: "ChangedNullability.RemovedDefault", matches: false },
    { id: "Changed", matches: false },
  ])("$id covers ChangedNullability.AddedRequiredTrait: $matches", ({ id, matches }) => {
    expect(acknowledges(ack(id, REQUIRED.shapeId), REQUIRED)).toBe(matches);
  });
});

describe("readAcknowledgements", () => {
  /** @type {string} */
  let dir;
  beforeEach(() => {
    dir = tempDir("acks");
  });
  afterEach(() => removeDir(dir));

  it("treats a missing file as no acknowledgements", () => {
    expect(readAcknowledgements(join(dir, "missing.json"))).toEqual([]);
  });

  it.each([
    { text: "{", message: /breaking-changes\.json: invalid JSON/ },
    { text: "{}", message: /expected a list/ },
    { text: "[1]", message: /entry 1 must be an object/ },
    { text: '[{ "id": "RemovedShape", "shapeId": "a#B" }]', message: /entry 1: "reason" must say why/ },
    {
      text: '[{ "id": "", "shapeId": "a#B", "reason": "x" }]',
      message: /entry 1: "id" must be a non-empty string/,
    },
    {
      text: JSON.stringify([{ id: "RemovedShape", shapeId: "a#B", reason: PLACEHOLDER_REASON }]),
      message: /entry 1: "reason" is still the placeholder/,
    },
    {
      text: '[{ "id": "RemovedShape", "shapeId": "a#B", "reason": "ok" }, { "id": "RemovedShape", "shapeId": "a#C", "reason": "todo: later" }]',
      message: /entry 2: "reason" is still the placeholder \("todo: later"\)/,
    },
  ])("rejects $text", ({ text, message }) => {
    const path = join(dir, "breaking-changes.json");
    writeFileSync(path, text);
    expect(() => readAcknowledgements(path)).toThrow(AcknowledgementsError);
    expect(() => readAcknowledgements(path)).toThrow(message);
  });
});

describe("chooseBase", () => {
  /** @type {string} */
  let repo;
  beforeEach(() => {
    repo = tempDir("base");
    initRepo(repo);
  });
  afterEach(() => removeDir(repo));

  /** @param {string} ref */
  const sha = (ref) => git(repo, ["rev-parse", ref]).trim();
  const commit = (/** @type {string} */ content) => {
    writeFiles(repo, { "model/smithy/a.smithy": content });
    commitAll(repo, content);
  };

  it("skips without commits, and with a single clean commit", () => {
    expect(chooseBase(repo, undefined)).toEqual({ skip: "the repository has no commits yet" });
    commit("one");
    expect(chooseBase(repo, undefined)).toHaveProperty("skip");
  });

  it("uses the previous commit without origin/main", () => {
    commit("one");
    commit("two");
    expect(chooseBase(repo, undefined)).toEqual({ ref: "HEAD~1", why: "previous commit" });
  });

  it("uses the merge base with origin/main on a branch, and the previous commit on main itself", () => {
    commit("one");
    const forkPoint = sha("HEAD");
    git(repo, ["update-ref", "refs/remotes/origin/main", forkPoint]);
    commit("two");
    commit("three");
    expect(chooseBase(repo, undefined)).toEqual({ ref: forkPoint, why: "merge base with origin/main" });

    git(repo, ["update-ref", "refs/remotes/origin/main", sha("HEAD")]);
    expect(chooseBase(repo, undefined)).toEqual({ ref: "HEAD~1", why: "previous commit" });
    writeFiles(repo, { "model/smithy/a.smithy": "uncommitted" });
    expect(chooseBase(repo, undefined)).toEqual({ ref: sha("HEAD"), why: "merge base with origin/main" });
  });

  it("takes SEQSTORE_DIFF_BASE when it names a commit", () => {
    commit("one");
    expect(chooseBase(repo, "HEAD")).toEqual({ ref: "HEAD", why: "SEQSTORE_DIFF_BASE" });
    expect(chooseBase(repo, "no-such-ref")).toEqual({
      error: "SEQSTORE_DIFF_BASE=no-such-ref does not name a commit in this repository",
    });
  });

  it("names --base as --base", () => {
    commit("one");
    expect(chooseBase(repo, "HEAD", "model", "--base")).toEqual({ ref: "HEAD", why: "--base" });
    expect(chooseBase(repo, "no-such-ref", "model", "--base")).toEqual({
      error: "--base no-such-ref does not name a commit in this repository",
    });
  });
});

describe("check-breaking.mjs", () => {
  /** @type {string} */
  let repo;
  beforeEach(() => {
    repo = tempDir("breaking");
    initRepo(repo);
    writeFiles(repo, {
      "model/smithy-build.json": SHOP_BUILD_CONFIG,
      "model/smithy/shop.smithy": SHOP_MODEL,
    });
    commitAll(repo, "shop model");
  });
  afterEach(() => removeDir(repo));

  const run = () => runScript("check-breaking.mjs", ["--base", "HEAD"], { cwd: repo });
  /** @param {(model: string) => string} edit */
  const editModel = (edit) => writeFiles(repo, { "model/smithy/shop.smithy": edit(SHOP_MODEL) });
  const removeListItems = (/** @type {string} */ model) =>
    model.replace("operations: [GetItem, ListItems]", "operations: [GetItem]");

  it("skips when there is no earlier commit", () => {
    const result = runScript("check-breaking.mjs", [], { cwd: repo });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("check:breaking: skipped, there is no earlier commit to compare with");
  });

  it("passes a compatible change", () => {
    editModel((model) =>
      model.replace("        name: String", "        name: String\n        price: Integer"),
    );
    const result = run();
    expect(result.stdout).toContain("AddedMember");
    expect(result.stdout).toContain("check:breaking: no breaking changes");
    expect(result.code).toBe(0);
  });

  it("fails on an ERROR, printing the report and an acknowledgement to paste", () => {
    editModel(removeListItems);
    const result = run();
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/ERROR +RemovedEntityBinding +example\.shop#ListItems/);
    expect(result.stderr).toContain("check:breaking: 1 breaking change not acknowledged:");
    expect(result.stderr).toContain('"id": "RemovedEntityBinding"');
    expect(result.stderr).toContain('"shapeId": "example.shop#ListItems"');
  });

  it("passes an ERROR with a service version bump", () => {
    editModel((model) => removeListItems(model).replace('version: "2024-01-01"', 'version: "2025-06-01"'));
    const result = run();
    expect(result.stdout).toContain(
      "check:breaking: 1 breaking change accepted: service version bumped (example.shop#Shop 2024-01-01 → 2025-06-01)",
    );
    expect(result.code).toBe(0);
  });

  it("passes an acknowledged ERROR, and fails on a malformed acknowledgements file", () => {
    editModel(removeListItems);
    const entry = { id: "RemovedEntityBinding", shapeId: "example.shop#ListItems", reason: "never released" };
    writeFiles(repo, { "model/breaking-changes.json": JSON.stringify([entry]) });
    const result = run();
    expect(result.stdout).toContain(
      "check:breaking: 1 breaking change, all acknowledged in model/breaking-changes.json",
    );
    expect(result.code).toBe(0);

    writeFiles(repo, { "model/breaking-changes.json": JSON.stringify([{ ...entry, reason: "" }]) });
    const broken = run();
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('model/breaking-changes.json: entry 1: "reason" must say why');
  });

  it("refuses an acknowledgement whose reason is still the suggested placeholder", () => {
    editModel(removeListItems);
    const printed = run().stderr;
    const template = printed.slice(printed.indexOf("["), printed.lastIndexOf("]") + 1);
    writeFiles(repo, { "model/breaking-changes.json": template.replace(/^ {4}/gm, "") });
    const result = run();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'model/breaking-changes.json: entry 1: "reason" is still the placeholder',
    );
  });

  it("says which base it compares with and how it was chosen", () => {
    const head = git(repo, ["rev-parse", "HEAD"]).trim().slice(0, 12);
    expect(run().stdout).toContain(`Model changes: base HEAD (${head}, --base) → working tree`);
    const env = { ...cleanEnv(), SEQSTORE_DIFF_BASE: "HEAD" };
    expect(runScript("check-breaking.mjs", [], { cwd: repo, env }).stdout).toContain(
      `Model changes: base HEAD (${head}, SEQSTORE_DIFF_BASE) → working tree`,
    );
    const missing = runScript("check-breaking.mjs", ["--base", "nope"], { cwd: repo });
    expect(missing.stderr).toContain("check:breaking: --base nope does not name a commit");
  });

  it("reports the same changes as api-changes.md for the same base", () => {
    editModel((model) =>
      removeListItems(model).replace("        name: String", "        name: String\n        price: Integer"),
    );
    const head = git(repo, ["rev-parse", "HEAD"]).trim().slice(0, 12);
    const check = run();
    const changelog = runScript("api-changes.mjs", ["--base", "HEAD"], { cwd: repo });
    expect(changelog.code).toBe(0);
    const text = readFileSync(join(repo, "model/generated/api-changes.md"), "utf8");
    expect(text).toContain(`compared with base commit \`${head}\``);
    expect(text).toContain(`npm run check:breaking -- --base ${head}`);
    // Every event of the check's table is a line of the changelog, with the same severity and message.
    const rows = check.stdout
      .split("\n")
      .map((line) => line.match(/^(ERROR|WARNING|NOTE) +\S+ +\S+ +(.*)$/))
      .filter((m) => m !== null);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const [, severity, message] of rows) expect(text).toContain(`- **${severity}** ${message}`);
    expect(text.match(/^- \*\*/gm)?.length).toBe(rows.length);
  });

  it("fails with the diagnostics when the new model does not load", () => {
    editModel((model) => `${model}\nstructure Broken { a: }\n`);
    const result = run();
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/model\/smithy\/shop\.smithy:\d+:\d+: ERROR Syntax error/);
  });
});
