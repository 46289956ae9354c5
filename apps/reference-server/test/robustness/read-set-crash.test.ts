// Crash safety of read-set uploads through the HTTP server: a real server process (SQLite file and data
// directory) takes part uploads from several concurrent uploaders, signed as the AWS SDK signs them
// (UNSIGNED-PAYLOAD), and is killed with SIGKILL at random moments — while parts stream in, right after a
// Complete is sent, and while a completed read set is analysed in the background. After each restart on the
// same database and data directory: every part answered 200 is listed with its checksum, no read set is
// half-visible (PROCESSING_UPLOAD ones become ACTIVE, ACTIVE ones serve all their bytes), and the data
// directory holds exactly the files the records point to. At the end every open upload is completed and
// downloaded, so every acknowledged part's bytes are compared too.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type ServerProcess, startServerProcess } from "../e2e/server-process.js";
import { delay, HEAVY_TEST_TIMEOUT_MS, type Reply, SOAK, SignedClient } from "./harness.js";

const KILLS = SOAK ? 25 : 10;
const UPLOADERS = 4;
/** Concatenated FASTQ sources stay valid whatever part versions are chosen: every part is whole records. */
const READS_PER_PART = [400, 1600] as const;
const PART_LIMIT = 6;
const dir = mkdtempSync(path.join(tmpdir(), "seqstore-read-set-crash-"));
const db = path.join(dir, "crash.db");
const dataDir = path.join(dir, "data");
const filesRoot = path.join(dataDir, "read-sets");
afterAll(() => rmSync(dir, { recursive: true, force: true, maxRetries: 5 }));

const seed = Number(process.env.SEQSTORE_FUZZ_SEED ?? Date.now() % 2 ** 31);
let state = seed >>> 0 || 1;
/** xorshift32: the run's random choices replay from SEQSTORE_FUZZ_SEED. */
function random(): number {
  state ^= state << 13;
  state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5;
  state >>>= 0;
  return state / 2 ** 32;
}
const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));

const BASES = "ACGT";
let readSerial = 0;
function fastqPart(reads: number): Buffer {
  const lines: string[] = [];
  for (let r = 0; r < reads; r++) {
    const length = between(50, 150);
    let bases = "";
    for (let i = 0; i < length; i++) bases += BASES[Math.floor(random() * 4)];
    lines.push(`@read${readSerial++}\n${bases}\n+\n${"I".repeat(length)}\n`);
  }
  return Buffer.from(lines.join(""));
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** What the test knows of one upload. */
interface TrackedUpload {
  uploadId: string;
  name: string;
  /** part number → checksum last answered 200. */
  acked: Map<number, string>;
  /** part number → checksums sent but never answered (the server may or may not have kept them). */
  maybe: Map<number, Set<string>>;
  /** Complete was sent: its part list, and the read set id when it was answered. */
  completion?: { parts: Map<number, string>; readSetId?: string; answered: boolean; round: number };
  /** Gone from the server's uploads (completed); checked through its read set. */
  done: boolean;
}

const bytesByChecksum = new Map<string, Buffer>();

function start(): Promise<ServerProcess> {
  return startServerProcess(["--port=0", `--db=${db}`, `--data-dir=${dataDir}`, "--log-level=error"]);
}

function json(reply: Reply): Record<string, unknown> {
  return JSON.parse(reply.body) as Record<string, unknown>;
}

async function createUpload(client: SignedClient, storeId: string, name: string): Promise<string> {
  const reply = await client.send({
    method: "POST",
    path: `/sequencestore/${storeId}/upload`,
    body: JSON.stringify({ sourceFileType: "FASTQ", subjectId: "subject", sampleId: "sample", name }),
  });
  expect(reply.status, reply.body).toBe(200);
  return json(reply).uploadId as string;
}

function sendPart(client: SignedClient, storeId: string, uploadId: string, partNumber: number, body: Buffer) {
  return client.send({
    method: "PUT",
    path: `/sequencestore/${storeId}/upload/${uploadId}/part?partSource=SOURCE1&partNumber=${partNumber}`,
    contentType: "application/octet-stream",
    // As the AWS SDK signs UploadReadSetPart: the model's unsignedPayload.
    headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" },
    body,
  });
}

function sendComplete(client: SignedClient, storeId: string, uploadId: string, parts: Map<number, string>) {
  return client.send({
    method: "POST",
    path: `/sequencestore/${storeId}/upload/${uploadId}/complete`,
    body: JSON.stringify({
      parts: [...parts].map(([partNumber, checksum]) => ({ partNumber, partSource: "SOURCE1", checksum })),
    }),
  });
}

async function listParts(client: SignedClient, storeId: string, uploadId: string): Promise<Reply> {
  return client.send({
    method: "POST",
    path: `/sequencestore/${storeId}/upload/${uploadId}/parts`,
    body: JSON.stringify({ partSource: "SOURCE1" }),
  });
}

interface ListedReadSet {
  id: string;
  name: string;
  status: string;
}

async function listReadSets(client: SignedClient, storeId: string): Promise<ListedReadSet[]> {
  const all: ListedReadSet[] = [];
  let nextToken: string | undefined;
  do {
    const query = nextToken ? `?nextToken=${encodeURIComponent(nextToken)}` : "";
    const reply = await client.send({
      method: "POST",
      path: `/sequencestore/${storeId}/readsets${query}`,
      body: "{}",
    });
    expect(reply.status, reply.body).toBe(200);
    const page = json(reply) as { readSets: ListedReadSet[]; nextToken?: string };
    all.push(...page.readSets);
    nextToken = page.nextToken;
  } while (nextToken);
  return all;
}

async function settle(client: SignedClient, storeId: string): Promise<ListedReadSet[]> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const sets = await listReadSets(client, storeId);
    if (sets.every((s) => s.status !== "PROCESSING_UPLOAD")) return sets;
    await delay(50);
  }
  throw new Error("read sets stayed PROCESSING_UPLOAD for 30 s after a restart");
}

async function download(client: SignedClient, storeId: string, id: string): Promise<Buffer> {
  const meta = await client.send({ method: "GET", path: `/sequencestore/${storeId}/readset/${id}/metadata` });
  expect(meta.status, meta.body).toBe(200);
  const totalParts = (json(meta).files as { source1: { totalParts: number } }).source1.totalParts;
  const pieces: Buffer[] = [];
  for (let part = 1; part <= totalParts; part++) {
    const reply = await client.send({
      method: "GET",
      path: `/sequencestore/${storeId}/readset/${id}?partNumber=${part}`,
    });
    expect(reply.status, reply.body).toBe(200);
    // The harness decodes bodies as UTF-8; FASTQ is ASCII, so the text is the bytes.
    pieces.push(Buffer.from(reply.body, "utf8"));
  }
  return Buffer.concat(pieces);
}

const partFile = (partNumber: number, checksum: string) =>
  `SOURCE1-${String(partNumber).padStart(5, "0")}-${checksum}.part`;

/** Every file under the data directory's read-sets/, relative. */
function filesOnDisk(): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(filesRoot, relative), { withFileTypes: true })) {
      const name = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(name);
      else found.push(name);
    }
  };
  walk("");
  return found.sort();
}

describe("SIGKILL during read-set uploads through the HTTP server", () => {
  it(
    `loses no acknowledged part and shows no half-made read set across ${KILLS} kills`,
    async () => {
      const started = Date.now();
      const uploads: TrackedUpload[] = [];
      const figures = {
        kills: 0,
        killsWithCompleteInFlight: 0,
        killsDuringAnalysis: 0,
        partsAcknowledged: 0,
        partChecks: 0,
        partsVerified: 0,
        readSetsVerified: 0,
        processingAfterRestart: 0,
      };
      let storeId = "";
      let uploadSerial = 0;

      /** After a restart: parts, read sets and files match what was acknowledged. */
      const verify = async (client: SignedClient) => {
        for (const upload of uploads.filter((u) => !u.done)) {
          const reply = await listParts(client, storeId, upload.uploadId);
          if (reply.status === 404) {
            // Only a Complete may take an upload away; its read set must then exist.
            expect(upload.completion, `upload ${upload.uploadId} vanished without a Complete`).toBeDefined();
            upload.done = true;
            continue;
          }
          expect(reply.status, reply.body).toBe(200);
          const listed = new Map(
            (json(reply).parts as { partNumber: number; checksum: string; partSize: number }[]).map((p) => [
              p.partNumber,
              p,
            ]),
          );
          for (const [partNumber, checksum] of upload.acked) {
            const part = listed.get(partNumber);
            expect(part, `acknowledged part ${partNumber} of ${upload.uploadId} is missing`).toBeDefined();
            const allowed = new Set([checksum, ...(upload.maybe.get(partNumber) ?? [])]);
            expect(allowed.has(part!.checksum), `part ${partNumber}: ${part!.checksum}`).toBe(true);
            expect(part!.partSize).toBe(bytesByChecksum.get(part!.checksum)!.length);
            figures.partChecks++;
          }
          for (const [partNumber, part] of listed) {
            if (upload.acked.get(partNumber) === part.checksum) continue;
            // A part never answered may have been kept: then it is one of the versions that was sent.
            expect(upload.maybe.get(partNumber)?.has(part.checksum), `unknown part ${partNumber}`).toBe(true);
            upload.acked.set(partNumber, part.checksum);
          }
          for (const partNumber of upload.acked.keys()) {
            if (!listed.has(partNumber)) upload.acked.delete(partNumber);
          }
          upload.maybe.clear();
          // An unanswered Complete that did not commit leaves the upload open: it may be completed again.
          if (upload.completion && !upload.completion.answered) delete upload.completion;
        }

        const before = await listReadSets(client, storeId);
        figures.processingAfterRestart += before.filter((s) => s.status === "PROCESSING_UPLOAD").length;
        for (const set of before) expect(["PROCESSING_UPLOAD", "ACTIVE"]).toContain(set.status);
        const sets = await settle(client, storeId);
        expect(sets.map((s) => s.status).filter((s) => s !== "ACTIVE")).toEqual([]);
        const byName = new Map(sets.map((s) => [s.name, s]));
        expect(byName.size).toBe(sets.length);
        for (const upload of uploads.filter((u) => u.completion)) {
          const set = byName.get(upload.name);
          if (!upload.done) continue;
          expect(set, `read set of completed upload ${upload.uploadId}`).toBeDefined();
          if (upload.completion!.readSetId) expect(set!.id).toBe(upload.completion!.readSetId);
          upload.completion!.readSetId = set!.id;
        }
        for (const set of sets) {
          const upload = uploads.find((u) => u.name === set.name);
          expect(upload?.done, `read set ${set.id} (${set.name}) without a Complete`).toBe(true);
        }
        return sets;
      };

      /** The data directory holds exactly what the records point to (run on a quiet server after the sweep). */
      const checkFiles = async (client: SignedClient, sets: ListedReadSet[]) => {
        // The sweep runs before the part store serves its first request: an abort waits for it.
        const probe = await createUpload(client, storeId, "probe");
        const abort = await client.send({
          method: "DELETE",
          path: `/sequencestore/${storeId}/upload/${probe}/abort`,
        });
        expect(abort.status, abort.body).toBe(200);
        const expected: string[] = [];
        for (const upload of uploads.filter((u) => !u.done)) {
          for (const [partNumber, checksum] of upload.acked) {
            expected.push(path.join("uploads", upload.uploadId, partFile(partNumber, checksum)));
          }
        }
        for (const set of sets) {
          const upload = uploads.find((u) => u.name === set.name)!;
          expected.push(path.join("read-sets", set.id, "manifest.json"));
          for (const [partNumber, checksum] of upload.completion!.parts) {
            expected.push(path.join("read-sets", set.id, partFile(partNumber, checksum)));
          }
        }
        const onDisk = filesOnDisk();
        expect(onDisk).toEqual(expected.sort());
        // Folders too: one per open upload at most, one per read set, and no trash.
        const open = new Set(uploads.filter((u) => !u.done).map((u) => u.uploadId));
        const uploadDirs = readdirSync(path.join(filesRoot, "uploads"));
        expect(uploadDirs.filter((d) => !open.has(d))).toEqual([]);
        expect(readdirSync(path.join(filesRoot, "read-sets")).sort()).toEqual(sets.map((s) => s.id).sort());
        expect(readdirSync(path.join(filesRoot, "trash"))).toEqual([]);
      };

      const verifiedSets = new Set<string>();
      const verifyBytes = async (client: SignedClient) => {
        for (const upload of uploads.filter((u) => u.done && u.completion?.readSetId)) {
          const id = upload.completion!.readSetId!;
          if (verifiedSets.has(id)) continue;
          const bytes = await download(client, storeId, id);
          const parts = [...upload.completion!.parts].sort(([a], [b]) => a - b);
          const expected = Buffer.concat(parts.map(([, checksum]) => bytesByChecksum.get(checksum)!));
          expect(sha256(bytes), `bytes of read set ${id}`).toBe(sha256(expected));
          verifiedSets.add(id);
          figures.readSetsVerified++;
          figures.partsVerified += parts.length;
        }
      };

      for (let round = 0; round < KILLS; round++) {
        const server = await start();
        const client = new SignedClient(server.url, server.credentials, UPLOADERS * 2);
        if (round === 0) {
          const store = await client.send({
            method: "POST",
            path: "/sequencestore",
            body: '{"name":"crash"}',
          });
          storeId = json(store).id as string;
        } else {
          const sets = await verify(client);
          await checkFiles(client, sets);
          await verifyBytes(client);
        }

        // Each round ends one way: kill while parts stream, right after a Complete is sent, or while a
        // completed read set is analysed.
        const mode = (["parts", "complete", "analysis"] as const)[round % 3]!;
        let dead = false;
        let killTriggered: Promise<unknown> | undefined;
        const kill = (after: number) => {
          killTriggered ??= delay(after).then(async () => {
            await server.stop("SIGKILL");
            dead = true;
          });
        };

        const uploader = async (worker: number) => {
          let upload = uploads.find(
            (u) => !u.done && !u.completion && Number(u.name.split("-")[1]) === worker,
          );
          while (!dead) {
            if (!upload) {
              const name = `w-${worker}-${uploadSerial++}`;
              try {
                const uploadId = await createUpload(client, storeId, name);
                upload = { uploadId, name, acked: new Map(), maybe: new Map(), done: false };
                uploads.push(upload);
              } catch {
                return;
              }
            }
            const partCount = upload.acked.size;
            if (partCount >= PART_LIMIT || (partCount >= 2 && random() < 0.25)) {
              const parts = new Map([...upload.acked].filter(([n]) => n <= partCount));
              const numbers = [...parts.keys()].sort((a, b) => a - b);
              if (numbers.every((n, i) => n === i + 1)) {
                upload.completion = { parts, answered: false, round };
                if (mode === "complete") kill(between(0, 8));
                try {
                  const reply = await sendComplete(client, storeId, upload.uploadId, parts);
                  expect(reply.status, reply.body).toBe(200);
                  upload.completion.answered = true;
                  upload.completion.readSetId = json(reply).readSetId as string;
                  upload.done = true;
                  if (mode === "analysis") kill(between(0, 30));
                } catch (error) {
                  if (!dead && !killTriggered) throw error;
                  return;
                }
                upload = undefined;
                continue;
              }
            }
            // Mostly the next part; sometimes a part again, with other bytes.
            let missing = 1;
            while (upload.acked.has(missing)) missing++;
            const partNumber = partCount > 0 && random() < 0.2 ? between(1, partCount) : missing;
            const body = fastqPart(between(...READS_PER_PART));
            const checksum = sha256(body);
            bytesByChecksum.set(checksum, body);
            const maybe = upload.maybe.get(partNumber) ?? new Set<string>();
            upload.maybe.set(partNumber, maybe.add(checksum));
            try {
              const reply = await sendPart(client, storeId, upload.uploadId, partNumber, body);
              expect(reply.status, reply.body).toBe(200);
              expect(json(reply).checksum).toBe(checksum);
              upload.acked.set(partNumber, checksum);
              maybe.delete(checksum);
              figures.partsAcknowledged++;
            } catch (error) {
              if (!dead && !killTriggered) throw error;
              return;
            }
          }
        };
        const load = Promise.all(Array.from({ length: UPLOADERS }, (_, w) => uploader(w)));
        // Fallback for rounds whose trigger did not come (and the "parts" rounds).
        await delay(mode === "parts" ? between(200, 900) : 1500);
        kill(0);
        await killTriggered;
        await load;
        client.close();
        figures.kills++;
        if (
          mode === "complete" &&
          uploads.some((u) => u.completion?.round === round && !u.completion.answered)
        ) {
          figures.killsWithCompleteInFlight++;
        }
        if (mode === "analysis") figures.killsDuringAnalysis++;
      }

      // Last restart: check, then complete every open upload with its listed parts and compare the bytes.
      const server = await start();
      const client = new SignedClient(server.url, server.credentials, UPLOADERS * 2);
      const sets = await verify(client);
      await checkFiles(client, sets);
      for (const upload of uploads.filter((u) => !u.done)) {
        const numbers = [...upload.acked.keys()].sort((a, b) => a - b);
        const complete = numbers.filter((n, i) => n === i + 1);
        if (complete.length === 0) continue;
        const parts = new Map(complete.map((n) => [n, upload.acked.get(n)!]));
        const reply = await sendComplete(client, storeId, upload.uploadId, parts);
        expect(reply.status, reply.body).toBe(200);
        upload.completion = {
          parts,
          answered: true,
          readSetId: json(reply).readSetId as string,
          round: KILLS,
        };
        upload.done = true;
      }
      await settle(client, storeId);
      await verifyBytes(client);
      client.close();
      expect(await server.stop()).toBe(0);

      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(
        `read-set crash safety (seed ${seed}): ${figures.kills} SIGKILLs ` +
          `(${figures.killsWithCompleteInFlight} with a Complete unanswered, ${figures.killsDuringAnalysis} right after a Complete answered), ` +
          `${figures.partsAcknowledged} parts acknowledged, ${figures.partChecks} acknowledged-part checks after restarts, ` +
          `${figures.processingAfterRestart} read sets found PROCESSING_UPLOAD after a restart, ` +
          `${figures.readSetsVerified} read sets downloaded and compared (${figures.partsVerified} parts verified) in ${seconds} s`,
      );
      expect(figures.kills).toBe(KILLS);
      expect(figures.readSetsVerified).toBeGreaterThan(0);
    },
    HEAVY_TEST_TIMEOUT_MS * 2,
  );
});
