// Figures 16 and 17's worker and baseline server, on a small synthetic FASTQ in 1 MiB parts: each side
// reports a rate, the server's CPU and RSS growth, leaves its directory empty, and the baseline server
// stores and serves exactly the bytes it is given.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSetTransfer, settleDisk, writeSyntheticFastq } from "../src/figures/read-set-transfer.js";
import { startBenchServer } from "../src/figures/servers.js";
import type { ServerProcess } from "../src/process/server-process.js";

const MiB = 1024 * 1024;
const dir = mkdtempSync(path.join(tmpdir(), "seqstore-read-set-transfer-"));
const file = path.join(dir, "small.fq");

beforeAll(() => writeSyntheticFastq(file, 3.5 * MiB));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("src/workers/read-set-transfer.ts", () => {
  it.each([
    ["upload", "ours"],
    ["upload", "raw"],
    ["download", "ours"],
    ["download", "raw"],
  ] as const)(
    "%s, %s: reports MB/s, server CPU and RSS growth, and cleans up",
    async (direction, side) => {
      const round = path.join(dir, `${direction}-${side}`);
      const result = await readSetTransfer(direction, side, file, round, MiB);
      const size = statSync(file).size;
      expect(result.mbPerSecond).toBeCloseTo(size / 1e6 / result.seconds, 6);
      expect(result.seconds).toBeGreaterThan(0);
      expect(result.serverCpuSeconds).toBeGreaterThan(0);
      expect(Number.isFinite(result.peakRssGrowthMiB)).toBe(true);
      // Ours uploads: Complete answered, then the analysis until ACTIVE, timed apart.
      expect(result.activeSeconds !== undefined).toBe(direction === "upload" && side === "ours");
      expect(existsSync(round)).toBe(false);
    },
    60_000,
  );

  it("fails loudly, naming the side, when its file is absent", async () => {
    await expect(
      readSetTransfer("upload", "ours", path.join(dir, "absent.fq"), path.join(dir, "x")),
    ).rejects.toThrow(/ours read-set upload worker exited/);
  });
});

describe("the file-pipe baseline server", () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startBenchServer("file-pipe", [dir]);
  });
  afterAll(() => server?.stop());

  it("stores a PUT body in a file and serves it back", async () => {
    const body = readFileSync(file);
    const put = await fetch(`${server.url}/files/copy`, { method: "PUT", body });
    expect(put.status).toBe(200);
    expect(readFileSync(path.join(dir, "copy")).equals(body)).toBe(true);
    const got = await fetch(`${server.url}/files/copy`);
    expect(got.headers.get("content-length")).toBe(String(body.length));
    expect(Buffer.from(await got.arrayBuffer()).equals(body)).toBe(true);
  });

  it("answers 404 for an unknown file or path and 405 for another method", async () => {
    expect((await fetch(`${server.url}/files/absent`)).status).toBe(404);
    expect((await fetch(`${server.url}/elsewhere/../x`)).status).toBe(404);
    expect((await fetch(`${server.url}/files/copy`, { method: "DELETE" })).status).toBe(405);
  });
});

describe("settleDisk, between rounds", () => {
  it("removes the round's directory and returns once sync has run", async () => {
    const round = path.join(dir, "round-0");
    mkdirSync(path.join(round, "nested"), { recursive: true });
    writeFileSync(path.join(round, "nested", "part"), "bytes");
    await settleDisk(round);
    expect(existsSync(round)).toBe(false);
    expect(existsSync(file)).toBe(true);
  });
});
