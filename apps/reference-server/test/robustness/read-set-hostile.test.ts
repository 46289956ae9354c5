// A hostile campaign over the ten read-set operations against a real server process: generated requests
// (fast-check; SEQSTORE_FUZZ_SEED replays) with wrong ids, other accounts' ids, bad part numbers, lying
// lengths and digests, bad signatures of the payload, broken part lists, garbage JSON and tokens, and
// trickling bodies. Every answer is AWS-shaped with the error the model names for the case, never a 5xx
// and never a hang; the refused parts leave no file behind and change nothing; the process stays healthy.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { signRequest } from "@seqstore/sigv4";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountCredential } from "../../src/auth/credentials.js";
import { type ServerProcess, startServerProcess } from "../e2e/server-process.js";
import {
  delay,
  errorShapeProblems,
  HEAVY_TEST_TIMEOUT_MS,
  parseRawResponse,
  rawExchange,
  rawSocket,
  type Reply,
  SOAK,
  type SendOptions,
  SignedClient,
  Tally,
} from "./harness.js";

const SCALE = SOAK ? 10 : 1;
const SEED = Number(process.env.SEQSTORE_FUZZ_SEED ?? Date.now() % 2 ** 31);
const BODY_TIMEOUT_MS = 1_500;
const HEADERS_TIMEOUT_MS = 1_000;
/** Node's whole-request limit, which also bounds a streamed part body (src/http/server-timeouts.ts). */
const REQUEST_TIMEOUT_MS = HEADERS_TIMEOUT_MS + BODY_TIMEOUT_MS + 5_000;
const A: AccountCredential = {
  accessKeyId: "AKIDHOSTILEA",
  secretAccessKey: "secret-a",
  accountId: "111111111111",
};
const B: AccountCredential = {
  accessKeyId: "AKIDHOSTILEB",
  secretAccessKey: "secret-b",
  accountId: "222222222222",
};
const FASTQ = Buffer.from("@r1\nACGTACGT\n+\nIIIIIIII\n@r2\nTTGG\n+\nIIII\n");
const sha256hex = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

const dir = mkdtempSync(path.join(tmpdir(), "seqstore-read-set-hostile-"));
const dataDir = path.join(dir, "data");
const credentialsFile = path.join(dir, "credentials.json");
writeFileSync(credentialsFile, JSON.stringify([A, B]));

let server: ServerProcess;
let a: SignedClient;
let b: SignedClient;
const tally = new Tally("read-set hostile campaign");

/** The ids each account holds. */
interface Fixture {
  store: string;
  /** An open upload with one SOURCE1 part, never changed by the campaign. */
  upload: string;
  partChecksum: string;
  /** An open upload the campaign may add parts to (bodies that are valid for a prefix). */
  scratch: string;
  /** An ACTIVE FASTQ read set of one part, never deleted by the campaign. */
  readSet: string;
}
let fa: Fixture;
let fb: Fixture;

const json = (reply: Reply) => JSON.parse(reply.body) as Record<string, unknown>;

async function ok(client: SignedClient, options: SendOptions): Promise<Record<string, unknown>> {
  const reply = await client.send(options);
  expect(reply.status, `${options.method} ${options.path}: ${reply.body}`).toBe(200);
  return json(reply);
}

const partPath = (store: string, upload: string, query = "partSource=SOURCE1&partNumber=1") =>
  `/sequencestore/${store}/upload/${upload}/part?${query}`;

async function fixture(client: SignedClient): Promise<Fixture> {
  const store = (await ok(client, { method: "POST", path: "/sequencestore", body: '{"name":"hostile"}' }))
    .id as string;
  const open = async (name: string) =>
    (
      await ok(client, {
        method: "POST",
        path: `/sequencestore/${store}/upload`,
        body: JSON.stringify({ sourceFileType: "FASTQ", subjectId: "s", sampleId: "s", name }),
      })
    ).uploadId as string;
  const putPart = async (upload: string) =>
    (
      await ok(client, {
        method: "PUT",
        path: partPath(store, upload),
        contentType: "application/octet-stream",
        headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
        body: FASTQ,
      })
    ).checksum as string;
  const upload = await open("kept");
  const partChecksum = await putPart(upload);
  const scratch = await open("scratch");
  const done = await open("done");
  const checksum = await putPart(done);
  const readSet = (
    await ok(client, {
      method: "POST",
      path: `/sequencestore/${store}/upload/${done}/complete`,
      body: JSON.stringify({ parts: [{ partNumber: 1, partSource: "SOURCE1", checksum }] }),
    })
  ).readSetId as string;
  for (let i = 0; i < 200; i++) {
    const meta = await ok(client, {
      method: "GET",
      path: `/sequencestore/${store}/readset/${readSet}/metadata`,
    });
    if (meta.status === "ACTIVE") break;
    expect(meta.status).toBe("PROCESSING_UPLOAD");
    await delay(20);
  }
  return { store, upload, partChecksum, scratch, readSet };
}

/** Resident set size of the server process, in bytes (Linux). */
function serverRss(): number {
  const status = readFileSync(`/proc/${server.child.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** Temporary files of part writes still on disk. */
function temporaryFiles(): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.includes(".tmp-")) found.push(full);
    }
  };
  walk(path.join(dataDir, "read-sets"));
  return found;
}

/**
 * Waits until no temporary file has been seen for a second, then expects none. A part answered early (a 400
 * from Node's parser, or a closed socket) may have a handler that has not yet opened its file, or is still
 * fsyncing it on a loaded disk, so a single empty look proves nothing; a leaked file stays and fails this.
 */
async function expectTemporaryFilesGone(): Promise<void> {
  const QUIET_MS = 1_000;
  const until = Date.now() + 10_000;
  let quietSince = Date.now();
  while (Date.now() < until) {
    if (temporaryFiles().length > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= QUIET_MS) break;
    await delay(25);
  }
  expect(temporaryFiles()).toEqual([]);
}

beforeAll(async () => {
  server = await startServerProcess([
    "--port=0",
    `--db=${path.join(dir, "hostile.db")}`,
    `--data-dir=${dataDir}`,
    `--credentials=${credentialsFile}`,
    `--body-timeout-ms=${BODY_TIMEOUT_MS}`,
    `--headers-timeout-ms=${HEADERS_TIMEOUT_MS}`,
    "--log-level=error",
  ]);
  a = new SignedClient(server.url, A, 4);
  b = new SignedClient(server.url, B, 4);
  fa = await fixture(a);
  fb = await fixture(b);
});

afterAll(async () => {
  a?.close();
  b?.close();
  console.log(`${tally.summary()} (seed ${SEED})`);
  expect(server.child.exitCode).toBeNull();
  const code = await server.stop();
  if (code !== 0) console.log(server.output());
  expect(code).toBe(0);
  rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
});

const MODEL_FILE = path.resolve(import.meta.dirname, "../../../../model/generated/source/model/model.json");
const modelShapes = (
  JSON.parse(readFileSync(MODEL_FILE, "utf8")) as {
    shapes: Record<string, { errors?: { target: string }[] }>;
  }
).shapes;
/** Errors a restJson1 server answers before an operation's input exists (the protocol's, not the model's). */
const PROTOCOL_ERRORS = ["SerializationException", "UnsupportedMediaTypeException"];

/** The read-set operation a request targets, by method and path (the model's @http bindings). */
const ROUTES: [string, RegExp, string][] = [
  ["PUT", /\/upload\/[^/]+\/part(\?|$)/, "UploadReadSetPart"],
  ["POST", /\/upload\/[^/]+\/complete(\?|$)/, "CompleteMultipartReadSetUpload"],
  ["DELETE", /\/upload\/[^/]+\/abort(\?|$)/, "AbortMultipartReadSetUpload"],
  ["POST", /\/upload\/[^/]+\/parts(\?|$)/, "ListReadSetUploadParts"],
  ["POST", /\/sequencestore\/[^/]+\/upload(\?|$)/, "CreateMultipartReadSetUpload"],
  ["POST", /\/sequencestore\/[^/]+\/uploads(\?|$)/, "ListMultipartReadSetUploads"],
  ["POST", /\/readset\/batch\/delete(\?|$)/, "BatchDeleteReadSet"],
  ["POST", /\/sequencestore\/[^/]+\/readsets(\?|$)/, "ListReadSets"],
  ["GET", /\/readset\/[^/]+\/metadata(\?|$)/, "GetReadSetMetadata"],
  ["GET", /\/readset\/[^/?]+(\?|$)/, "GetReadSet"],
];

/** The error names an answer to this request may carry: its operation's modeled errors and the protocol's. */
function allowedErrors(method: string, requestPath: string): string[] {
  const route = ROUTES.find(([m, pattern]) => m === method && pattern.test(requestPath));
  if (!route) throw new Error(`no read-set operation for ${method} ${requestPath}`);
  const operation = modelShapes[`com.amazonaws.omics#${route[2]}`];
  return [...(operation?.errors ?? []).map((e) => e.target.split("#")[1]!), ...PROTOCOL_ERRORS];
}

/** One generated request and the answer the model calls for. */
interface Case {
  what: string;
  options: SendOptions;
  /** Accepted statuses; the first is the expected one. */
  status: number[];
  type?: string;
}

const digits = (n: number) => fc.stringMatching(new RegExp(`^[1-9][0-9]{${n - 1}}$`));
const unknownId = digits(20);
const garbage = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom("{", "[", "null", "[]", '{"parts":', "\u0000", '{"a":1,}', "{}{}"),
);

/** Ids the calling account (A) cannot use: unknown ones, B's, and A's own in the wrong store. */
function foreignUpload(): fc.Arbitrary<{ store: string; upload: string; label: string }> {
  return fc.oneof(
    unknownId.map((upload) => ({ store: fa.store, upload, label: "unknown upload" })),
    fc.constant({ store: fb.store, upload: fb.upload, label: "B's store and upload" }),
    fc.constant({ store: fa.store, upload: fb.upload, label: "B's upload in A's store" }),
    fc.constant({ store: fb.store, upload: fa.upload, label: "A's upload in B's store" }),
    digits(10).map((store) => ({ store, upload: fa.upload, label: "unknown store" })),
  );
}

function foreignReadSet(): fc.Arbitrary<{ store: string; id: string; label: string }> {
  return fc.oneof(
    unknownId.map((id) => ({ store: fa.store, id, label: "unknown read set" })),
    fc.constant({ store: fb.store, id: fb.readSet, label: "B's read set" }),
    fc.constant({ store: fa.store, id: fb.readSet, label: "B's read set in A's store" }),
    digits(10).map((store) => ({ store, id: fa.readSet, label: "unknown store" })),
  );
}

const part = (
  store: string,
  upload: string,
  query: string,
  body: Uint8Array,
  headers: Record<string, string> = {},
) => ({
  method: "PUT",
  path: partPath(store, upload, query),
  contentType: "application/octet-stream",
  headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD", ...headers },
  body,
});

/**
 * The error for a query or body number outside the model: a value that is not an integer (or not one of
 * 32 bits) cannot be read at all (SerializationException, as the restJson1 malformed-request tests say);
 * an integer outside the model's @range breaks a constraint (ValidationException).
 */
function numberError(text: string): string {
  return /^-?\d+$/.test(text) && Math.abs(Number(text)) < 2 ** 31
    ? "ValidationException"
    : "SerializationException";
}

const partBody = fc.uint8Array({ minLength: 1, maxLength: 64 });

function cases(): fc.Arbitrary<Case> {
  const up = (query: string, body: Uint8Array, headers?: Record<string, string>) =>
    part(fa.store, fa.upload, query, body, headers);
  const validation = (what: string, options: SendOptions): Case => ({
    what,
    options,
    status: [400],
    type: "ValidationException",
  });
  const notFound = (what: string, options: SendOptions): Case => ({
    what,
    options,
    status: [404],
    type: "ResourceNotFoundException",
  });
  const partNumbers = fc.oneof(
    fc.constantFrom("0", "10001", "-1", "1.5", "abc", "", "1e3", "0x10", "99999999999999999999"),
    fc.integer({ min: 10_001, max: 2 ** 31 }).map(String),
  );
  return fc.oneof(
    // UploadReadSetPart
    fc
      .tuple(foreignUpload(), partBody)
      .map(([target, body]) =>
        notFound(
          `part to ${target.label}`,
          part(target.store, target.upload, "partSource=SOURCE1&partNumber=2", body),
        ),
      ),
    fc.tuple(partNumbers, partBody).map(([n, body]) => ({
      what: `part number ${JSON.stringify(n)}`,
      options: up(`partSource=SOURCE1&partNumber=${encodeURIComponent(n)}`, body),
      status: [400],
      type: numberError(n),
    })),
    fc
      .tuple(fc.constantFrom("SOURCE3", "source1", "", "INDEX"), partBody)
      .map(([s, body]) =>
        validation(`part source ${JSON.stringify(s)}`, up(`partSource=${s}&partNumber=2`, body)),
      ),
    partBody.map((body) => validation("part without partNumber", up("partSource=SOURCE1", body))),
    fc.tuple(partBody, fc.uint8Array({ minLength: 16, maxLength: 16 })).map(([body, md5]) =>
      validation(
        "part with a wrong Content-MD5",
        up("partSource=SOURCE1&partNumber=2", body, {
          "content-md5": Buffer.from(md5).toString("base64"),
        }),
      ),
    ),
    fc.tuple(partBody, fc.uint8Array({ minLength: 32, maxLength: 32 })).map(([body, digest]) =>
      validation(
        "part with a wrong x-amz-checksum-sha256",
        up("partSource=SOURCE1&partNumber=2", body, {
          "x-amz-checksum-sha256": Buffer.from(digest).toString("base64"),
        }),
      ),
    ),
    fc.tuple(partBody, fc.constantFrom("not base64!", "", "AAAA", "====")).map(([body, value]) =>
      validation(
        "part with a malformed Content-MD5",
        up("partSource=SOURCE1&partNumber=2", body, {
          "content-md5": value,
        }),
      ),
    ),
    fc.tuple(partBody, fc.uint8Array({ minLength: 32, maxLength: 32 })).map(([body, digest]) => ({
      what: "part signed with another body's SHA-256",
      options: up("partSource=SOURCE1&partNumber=2", body, {
        "x-amz-content-sha256": Buffer.from(digest).toString("hex"),
      }),
      status: [403],
      type: "AccessDeniedException",
    })),
    fc
      .tuple(partBody, fc.constantFrom("garbage", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "UNSIGNED"))
      .map(([body, value]) => ({
        what: `part with x-amz-content-sha256 ${value}`,
        options: up("partSource=SOURCE1&partNumber=2", body, { "x-amz-content-sha256": value }),
        status: [403],
        type: "AccessDeniedException",
      })),
    partBody.map((body) => ({
      what: "part without x-amz-content-sha256",
      options: {
        ...up("partSource=SOURCE1&partNumber=2", body),
        tamper: (headers: Record<string, string>) => {
          delete headers["x-amz-content-sha256"];
        },
      },
      status: [403],
      type: "AccessDeniedException",
    })),
    fc.constant(validation("empty part", up("partSource=SOURCE1&partNumber=2", new Uint8Array()))),
    // CompleteMultipartReadSetUpload
    foreignUpload().map((target) =>
      notFound(`complete of ${target.label}`, {
        method: "POST",
        path: `/sequencestore/${target.store}/upload/${target.upload}/complete`,
        body: JSON.stringify({
          parts: [{ partNumber: 1, partSource: "SOURCE1", checksum: fa.partChecksum }],
        }),
      }),
    ),
    fc
      .oneof(
        fc.constant({ label: "no parts", parts: [] as unknown[] }),
        fc.constant({
          label: "a part twice",
          parts: [1, 1].map((partNumber) => ({
            partNumber,
            partSource: "SOURCE1",
            checksum: fa.partChecksum,
          })),
        }),
        fc.integer({ min: 2, max: 10_000 }).map((n) => ({
          label: "a part never uploaded",
          parts: [{ partNumber: n, partSource: "SOURCE1", checksum: fa.partChecksum }],
        })),
        fc
          .string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: 1, maxLength: 100 })
          .map((checksum) => ({
            label: "a wrong checksum",
            parts: [{ partNumber: 1, partSource: "SOURCE1", checksum }],
          })),
        fc.constant({
          label: "SOURCE2 only",
          parts: [{ partNumber: 1, partSource: "SOURCE2", checksum: fa.partChecksum }],
        }),
        fc.constantFrom(0, 10_001, -5).map((partNumber) => ({
          label: `part number ${partNumber}`,
          parts: [{ partNumber, partSource: "SOURCE1", checksum: fa.partChecksum }],
        })),
        fc.constant({
          label: "an empty checksum",
          parts: [{ partNumber: 1, partSource: "SOURCE1", checksum: "" }],
        }),
        fc.constant({
          label: "a part without source",
          parts: [{ partNumber: 1, checksum: fa.partChecksum }],
        }),
      )
      .map(({ label, parts }) =>
        validation(`complete with ${label}`, {
          method: "POST",
          path: `/sequencestore/${fa.store}/upload/${fa.upload}/complete`,
          body: JSON.stringify({ parts }),
        }),
      ),
    garbage.map((body) => ({
      what: `complete with body ${JSON.stringify(body)}`,
      options: { method: "POST", path: `/sequencestore/${fa.store}/upload/${fa.upload}/complete`, body },
      status: [400],
    })),
    // AbortMultipartReadSetUpload
    foreignUpload().map((target) =>
      notFound(`abort of ${target.label}`, {
        method: "DELETE",
        path: `/sequencestore/${target.store}/upload/${target.upload}/abort`,
      }),
    ),
    // CreateMultipartReadSetUpload
    fc
      .oneof(
        garbage.map((body) => ({ label: `body ${JSON.stringify(body)}`, body, type: undefined })),
        fc.constant({
          label: "BAM without a reference",
          body: JSON.stringify({ sourceFileType: "BAM", subjectId: "s", sampleId: "s", name: "n" }),
          type: "ValidationException",
        }),
        fc.constantFrom("VCF", "fastq", "", "SAM").map((t) => ({
          label: `file type ${t}`,
          body: JSON.stringify({ sourceFileType: t, subjectId: "s", sampleId: "s", name: "n" }),
          type: "ValidationException",
        })),
        fc.constant({
          label: "no subjectId",
          body: JSON.stringify({ sourceFileType: "FASTQ", sampleId: "s", name: "n" }),
          type: "ValidationException",
        }),
      )
      .map(({ label, body, type }) => ({
        what: `create upload with ${label}`,
        options: { method: "POST", path: `/sequencestore/${fa.store}/upload`, body },
        status: [400],
        ...(type ? { type } : {}),
      })),
    fc.constant(
      notFound("create upload in B's store", {
        method: "POST",
        path: `/sequencestore/${fb.store}/upload`,
        body: JSON.stringify({ sourceFileType: "FASTQ", subjectId: "s", sampleId: "s", name: "n" }),
      }),
    ),
    // ListMultipartReadSetUploads, ListReadSetUploadParts, ListReadSets: limits and tokens
    fc
      .tuple(
        fc.constantFrom(
          `/sequencestore/{store}/uploads`,
          `/sequencestore/{store}/upload/{upload}/parts`,
          `/sequencestore/{store}/readsets`,
        ),
        fc.oneof(
          fc
            .constantFrom("0", "101", "-1", "abc", "1e2", "99999999999999999999", "")
            .map((m) => `maxResults=${encodeURIComponent(m)}`),
          fc.string({ minLength: 1, maxLength: 300 }).map((t) => `nextToken=${encodeURIComponent(t)}`),
          fc.base64String({ minLength: 4, maxLength: 200 }).map((t) => `nextToken=${encodeURIComponent(t)}`),
        ),
      )
      .map(([template, query]) => {
        const maxResults = /^maxResults=(.*)$/.exec(query);
        return {
          what: `list ${template} ?${query.slice(0, 40)}`,
          options: {
            method: "POST",
            path: `${template.replace("{store}", fa.store).replace("{upload}", fa.upload)}?${query}`,
            // ListMultipartReadSetUploads has no body members: the AWS SDK sends no body.
            ...(template.endsWith("/uploads")
              ? { body: "", contentType: null }
              : { body: template.endsWith("/parts") ? '{"partSource":"SOURCE1"}' : "{}" }),
          },
          status: [400],
          type: maxResults ? numberError(decodeURIComponent(maxResults[1]!)) : "ValidationException",
        };
      }),
    fc
      .oneof(
        fc.constant('{"partSource":"SOURCE3"}'),
        fc.constant("{}"),
        fc.constant('{"partSource":"SOURCE1","filter":{"createdAfter":"yesterday"}}'),
        fc.constant('{"partSource":"SOURCE1","filter":[]}'),
      )
      .map((body) => ({
        what: `list parts with ${body}`,
        options: { method: "POST", path: `/sequencestore/${fa.store}/upload/${fa.upload}/parts`, body },
        status: [400],
      })),
    foreignUpload().map((target) =>
      notFound(`list parts of ${target.label}`, {
        method: "POST",
        path: `/sequencestore/${target.store}/upload/${target.upload}/parts`,
        body: '{"partSource":"SOURCE1"}',
      }),
    ),
    fc
      .constantFrom(
        '{"filter":{"status":"BOGUS"}}',
        '{"filter":{"createdAfter":"not a date"}}',
        '{"filter":{"name":""}}',
        '{"filter":[]}',
        '{"filter":{"creationType":"COPIED"}}',
      )
      .map((body) => ({
        what: `list read sets with ${body}`,
        options: { method: "POST", path: `/sequencestore/${fa.store}/readsets`, body },
        status: [400],
      })),
    // GetReadSet, GetReadSetMetadata
    fc
      .oneof(
        fc.constant({ query: "partNumber=2", status: 416, type: "RangeNotSatisfiableException" }),
        fc.integer({ min: 2, max: 10_000 }).map((n) => ({
          query: `partNumber=${n}`,
          status: 416,
          type: "RangeNotSatisfiableException",
        })),
        fc.constantFrom("INDEX", "SOURCE2").map((file) => ({
          query: `partNumber=1&file=${file}`,
          status: 404,
          type: "ResourceNotFoundException",
        })),
        fc.constantFrom("0", "10001", "abc", "", "-1").map((n) => ({
          query: `partNumber=${n}`,
          status: 400,
          type: numberError(n),
        })),
        fc.constant({ query: "", status: 400, type: "ValidationException" }),
        fc.constantFrom("BAI", "index", "SOURCE3").map((file) => ({
          query: `partNumber=1&file=${file}`,
          status: 400,
          type: "ValidationException",
        })),
      )
      .map(({ query, status, type }) => ({
        what: `get read set ?${query}`,
        options: { method: "GET", path: `/sequencestore/${fa.store}/readset/${fa.readSet}?${query}` },
        status: [status],
        type,
      })),
    fc.tuple(foreignReadSet(), fc.boolean()).map(([target, metadata]) =>
      notFound(`get ${metadata ? "metadata of " : ""}${target.label}`, {
        method: "GET",
        path: `/sequencestore/${target.store}/readset/${target.id}${metadata ? "/metadata" : "?partNumber=1"}`,
      }),
    ),
    fc.constantFrom("abc", "123", "1".repeat(37)).map((id) =>
      validation(`get metadata of malformed id ${id}`, {
        method: "GET",
        path: `/sequencestore/${fa.store}/readset/${id}/metadata`,
      }),
    ),
    // BatchDeleteReadSet (A's own read set is never in the list)
    fc
      .oneof(
        fc.constant({ label: "no ids", ids: [] as string[] }),
        fc
          .array(unknownId, { minLength: 101, maxLength: 150 })
          .map((ids) => ({ label: "over 100 ids", ids })),
        fc.constantFrom(["abc"], ["1"], [""]).map((ids) => ({ label: `malformed ${ids[0]}`, ids })),
      )
      .map(({ label, ids }) =>
        validation(`batch delete with ${label}`, {
          method: "POST",
          path: `/sequencestore/${fa.store}/readset/batch/delete`,
          body: JSON.stringify({ ids }),
        }),
      ),
    garbage.map((body) => ({
      what: `batch delete with body ${JSON.stringify(body)}`,
      options: { method: "POST", path: `/sequencestore/${fa.store}/readset/batch/delete`, body },
      status: [400],
    })),
    fc.constant(
      notFound("batch delete in B's store", {
        method: "POST",
        path: `/sequencestore/${fb.store}/readset/batch/delete`,
        body: JSON.stringify({ ids: [fb.readSet] }),
      }),
    ),
  );
}

/** Per-item errors of a batch delete of ids A cannot delete (duplicates answered once each). */
function batchOfForeignIds(): fc.Arbitrary<string[]> {
  return fc
    .array(fc.oneof(unknownId, fc.constant(fb.readSet)), { minLength: 1, maxLength: 40 })
    .chain((ids) => fc.shuffledSubarray(ids).map((again) => [...ids, ...again].slice(0, 100)));
}

describe("hostile read-set requests (generated)", () => {
  it(
    "answers every one AWS-shaped with the model's error, keeps nothing and stays healthy",
    async () => {
      const rssBefore = serverRss();
      const generated = fc.sample(cases(), { numRuns: 1_500 * SCALE, seed: SEED });
      const wrong: string[] = [];
      for (const c of generated) {
        const reply = await a.send(c.options);
        tally.record(reply, c.what);
        if (!c.status.includes(reply.status) || (c.type && reply.headers["x-amzn-errortype"] !== c.type)) {
          if (wrong.length < 25) {
            wrong.push(
              `${c.what}: ${reply.status} ${reply.headers["x-amzn-errortype"]} ${reply.body.slice(0, 200)}`,
            );
          }
        }
        const errorType = reply.headers["x-amzn-errortype"];
        if (
          reply.status >= 400 &&
          !allowedErrors(c.options.method, c.options.path).includes(String(errorType))
        ) {
          wrong.push(`${c.what}: ${errorType} is not an error of its operation in the model`);
        }
        const temp = temporaryFiles();
        if (temp.length > 0) wrong.push(`${c.what} left ${temp.join(", ")}`);
      }
      const batches = fc.sample(batchOfForeignIds(), { numRuns: 100 * SCALE, seed: SEED + 1 });
      for (const ids of batches) {
        const reply = await a.send({
          method: "POST",
          path: `/sequencestore/${fa.store}/readset/batch/delete`,
          body: JSON.stringify({ ids }),
        });
        tally.record(reply, "batch delete of foreign ids");
        expect(reply.status, reply.body).toBe(200);
        const errors = (json(reply).errors ?? []) as { id: string; code: string }[];
        expect(errors.map((e) => e.id).sort()).toEqual([...new Set(ids)].sort());
        expect(new Set(errors.map((e) => e.code))).toEqual(new Set(["ResourceNotFoundException"]));
      }
      expect(wrong).toEqual([]);
      expect(tally.problems).toEqual([]);

      // Nothing changed: the kept upload still has exactly its one part, both read sets are whole.
      const parts = await listedParts(fa.upload);
      expect(parts.map((p) => [p.partNumber, p.checksum])).toEqual([[1, fa.partChecksum]]);
      for (const [client, f] of [
        [a, fa],
        [b, fb],
      ] as const) {
        const got = await client.send({
          method: "GET",
          path: `/sequencestore/${f.store}/readset/${f.readSet}?partNumber=1`,
        });
        expect([got.status, got.body]).toEqual([200, FASTQ.toString()]);
      }
      const rssAfter = serverRss();
      console.log(
        `read-set hostile campaign: ${generated.length + batches.length} requests, server RSS ` +
          `${(rssBefore / 2 ** 20).toFixed(0)} → ${(rssAfter / 2 ** 20).toFixed(0)} MiB`,
      );
      expect(rssAfter - rssBefore).toBeLessThan(96 * 2 ** 20);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});

describe("races between a part, Complete and Abort of one upload", () => {
  it(
    "answers each request below 500 and leaves only the files the records name",
    async () => {
      const ROUNDS = 40 * SCALE;
      const big = Buffer.concat(Array.from({ length: 4000 }, () => FASTQ));
      const outcomes = new Tally("read-set races");
      const completed: { readSet: string; upload: string }[] = [];
      const aborted: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const upload = (
          await ok(a, {
            method: "POST",
            path: `/sequencestore/${fa.store}/upload`,
            body: JSON.stringify({
              sourceFileType: "FASTQ",
              subjectId: "s",
              sampleId: "s",
              name: `race-${round}`,
            }),
          })
        ).uploadId as string;
        const first = await ok(a, part(fa.store, upload, "partSource=SOURCE1&partNumber=1", FASTQ));
        const racing = Array.from({ length: 3 }, (_, i) =>
          delay(i).then(() =>
            a.send(part(fa.store, upload, `partSource=SOURCE1&partNumber=${i + 2}`, big.subarray(i * 1000))),
          ),
        );
        // The end comes 0-15 ms after the parts start: some parts land before it, some during, some after.
        const ending = delay(round % 16).then(() =>
          round % 2 === 0
            ? a.send({
                method: "POST",
                path: `/sequencestore/${fa.store}/upload/${upload}/complete`,
                body: JSON.stringify({
                  parts: [{ partNumber: 1, partSource: "SOURCE1", checksum: first.checksum }],
                }),
              })
            : a.send({ method: "DELETE", path: `/sequencestore/${fa.store}/upload/${upload}/abort` }),
        );
        const [end, ...parts] = await Promise.all([ending, ...racing]);
        outcomes.record(end!, round % 2 === 0 ? "complete" : "abort");
        expect(end!.status, end!.body).toBe(200);
        if (round % 2 === 0) completed.push({ readSet: json(end!).readSetId as string, upload });
        else aborted.push(upload);
        for (const reply of parts) {
          outcomes.record(reply, "part racing the end of its upload");
          expect([200, 404], reply.body).toContain(reply.status);
        }
      }
      // Every completion settles ACTIVE with exactly the listed part; nothing else is left on disk.
      for (const { readSet } of completed) {
        for (let i = 0; i < 250; i++) {
          const meta = await ok(a, {
            method: "GET",
            path: `/sequencestore/${fa.store}/readset/${readSet}/metadata`,
          });
          if (meta.status !== "PROCESSING_UPLOAD") {
            expect(meta.status).toBe("ACTIVE");
            break;
          }
          await delay(20);
        }
        const got = await a.send({
          method: "GET",
          path: `/sequencestore/${fa.store}/readset/${readSet}?partNumber=1`,
        });
        expect([got.status, got.body]).toEqual([200, FASTQ.toString()]);
        const files = readdirSync(path.join(dataDir, "read-sets", "read-sets", readSet)).sort();
        expect(files).toEqual([`SOURCE1-00001-${sha256hex(FASTQ)}.part`, "manifest.json"].sort());
      }
      await expectTemporaryFilesGone();
      const uploadDirs = readdirSync(path.join(dataDir, "read-sets", "uploads"));
      for (const { upload } of completed) expect(uploadDirs).not.toContain(upload);
      for (const upload of aborted) expect(uploadDirs).not.toContain(upload);
      console.log(outcomes.summary());
      expect(outcomes.problems).toEqual([]);
    },
    HEAVY_TEST_TIMEOUT_MS,
  );
});

/** The head of a part upload signed as the AWS SDK signs it, for bytes an HTTP client refuses to send. */
async function signedPartHead(store: string, upload: string, query: string, headers: Record<string, string>) {
  const url = `${server.url}${partPath(store, upload, query)}`;
  const signed = await signRequest(
    {
      method: "PUT",
      url,
      headers: {
        "content-type": "application/octet-stream",
        "x-amz-content-sha256": "UNSIGNED-PAYLOAD",
        ...headers,
      },
    },
    { ...A, region: "us-east-1", service: "omics" },
  );
  const lines = Object.entries({ host: new URL(url).host, ...signed, ...headers }).map(
    ([k, v]) => `${k}: ${v}`,
  );
  return `PUT ${partPath(store, upload, query)} HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n`;
}

/** The SOURCE1 parts one of A's uploads lists (other tests' parts may land meanwhile: check by number). */
async function listedParts(upload: string): Promise<{ partNumber: number; checksum: string }[]> {
  const reply = await a.send({
    method: "POST",
    path: `/sequencestore/${fa.store}/upload/${upload}/parts`,
    body: '{"partSource":"SOURCE1"}',
  });
  expect(reply.status, reply.body).toBe(200);
  return json(reply).parts as { partNumber: number; checksum: string }[];
}

describe("hostile part bodies on the wire", () => {
  it("answers a part whose upload is aborted while its body streams 404, leaving no file or folder", async () => {
    const upload = (
      await ok(a, {
        method: "POST",
        path: `/sequencestore/${fa.store}/upload`,
        body: JSON.stringify({ sourceFileType: "FASTQ", subjectId: "s", sampleId: "s", name: "raced" }),
      })
    ).uploadId as string;
    const head = await signedPartHead(fa.store, upload, "partSource=SOURCE1&partNumber=1", {
      "content-length": String(FASTQ.length),
    });
    const { socket, received, closed } = await rawSocket(server.url);
    socket.write(Buffer.concat([Buffer.from(head), FASTQ.subarray(0, 10)]));
    await delay(150);
    const abort = await a.send({
      method: "DELETE",
      path: `/sequencestore/${fa.store}/upload/${upload}/abort`,
    });
    expect(abort.status, abort.body).toBe(200);
    socket.write(FASTQ.subarray(10));
    for (let i = 0; i < 250 && parseRawResponse(received()) === undefined; i++) await delay(20);
    socket.destroy();
    await closed;
    const reply = parseRawResponse(received());
    expect(reply, received()).toBeDefined();
    tally.record(reply!, "part of an upload aborted meanwhile");
    expect([reply!.status, reply!.headers["x-amzn-errortype"]], reply!.body).toEqual([
      404,
      "ResourceNotFoundException",
    ]);
    expect(temporaryFiles()).toEqual([]);
    expect(readdirSync(path.join(dataDir, "read-sets", "uploads"))).not.toContain(upload);
  });

  it("refuses a part announced over 100 MiB before reading it", async () => {
    const head = await signedPartHead(fa.store, fa.scratch, "partSource=SOURCE1&partNumber=9", {
      "content-length": String(100 * 2 ** 20 + 1 + Math.floor(Math.random() * 2 ** 30)),
    });
    const reply = parseRawResponse(await rawExchange(server.url, `${head}ACGT`));
    tally.record(reply!, "part announced over 100 MiB");
    expect([reply?.status, reply?.headers["x-amzn-errortype"]]).toEqual([400, "ValidationException"]);
    expect(errorShapeProblems(reply!)).toEqual([]);
  });

  it("keeps nothing of a body cut short, and answers or closes at once", async () => {
    for (const sent of [0, 1, 17, 99]) {
      const head = await signedPartHead(fa.store, fa.scratch, "partSource=SOURCE1&partNumber=3", {
        "content-length": "100",
      });
      const { socket, received, closed } = await rawSocket(server.url);
      socket.write(`${head}${"A".repeat(sent)}`);
      await delay(50);
      socket.end();
      const started = Date.now();
      await Promise.race([closed, delay(BODY_TIMEOUT_MS + 8_000)]);
      socket.destroy();
      expect(Date.now() - started).toBeLessThan(BODY_TIMEOUT_MS + 7_000);
      const reply = parseRawResponse(received());
      if (reply) {
        tally.record(reply, `part cut after ${sent} of 100 bytes`);
        expect(reply.status).toBeGreaterThanOrEqual(400);
        expect(reply.status).toBeLessThan(500);
      }
    }
    await expectTemporaryFilesGone();
    expect((await listedParts(fa.scratch)).map((p) => p.partNumber)).not.toContain(3);
  });

  it("reads a body longer than Content-Length as the announced part, the rest as the next request", async () => {
    const body = FASTQ;
    const head = await signedPartHead(fa.store, fa.scratch, "partSource=SOURCE1&partNumber=4", {
      "content-length": String(body.length),
    });
    const text = await rawExchange(
      server.url,
      Buffer.concat([Buffer.from(head), body, Buffer.from("EXTRA BYTES\r\n\r\n")]),
    );
    const first = parseRawResponse(text);
    expect(first, text).toBeDefined();
    tally.record(first!, "part followed by extra bytes");
    // The part's answer, or — when Node's parser refuses the extra bytes first — its 400, which closes the
    // connection (HTTP/1.1 pipelining is not kept in order by Node's clientError path; no SDK pipelines).
    if (first!.status === 200)
      expect(JSON.parse(first!.body.slice(0, first!.body.indexOf("}") + 1)).checksum).toBe(sha256hex(body));
    else expect([first!.status, first!.headers["x-amzn-errortype"]]).toEqual([400, "BadRequestException"]);
    await expectTemporaryFilesGone();
    const listed = await listedParts(fa.scratch);
    for (const p of listed.filter((p) => p.partNumber === 4)) expect(p.checksum).toBe(sha256hex(body));
  });

  it("answers a trickling part body 408 at the request timeout, keeping nothing", async () => {
    const head = await signedPartHead(fa.store, fa.scratch, "partSource=SOURCE1&partNumber=5", {
      "content-length": "1000",
    });
    const { socket, received, closed } = await rawSocket(server.url);
    socket.write(head);
    const started = Date.now();
    let open = true;
    void closed.then(() => {
      open = false;
    });
    while (open && Date.now() - started < REQUEST_TIMEOUT_MS + 5_000) {
      socket.write("A");
      await delay(100);
    }
    socket.destroy();
    const elapsed = Date.now() - started;
    const reply = parseRawResponse(received());
    expect(reply, `answer after ${elapsed} ms: ${received().slice(0, 200)}`).toBeDefined();
    tally.record(reply!, "trickling part body");
    expect([reply!.status, reply!.headers["x-amzn-errortype"]]).toEqual([408, "RequestTimeoutException"]);
    expect(elapsed).toBeLessThan(REQUEST_TIMEOUT_MS + 2_500);
    await expectTemporaryFilesGone();
    expect((await listedParts(fa.scratch)).map((p) => p.partNumber)).not.toContain(5);
  }, 30_000);

  it("is still healthy", async () => {
    const health = await a.send({ method: "GET", path: "/_seqstore/health", signAs: false });
    expect(health.status).toBe(200);
  });
});
