// The HTTP figures' load: two servers take turns in slices (ABBA…), and a round adds its slices up.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUp, alternatingLoad } from "../src/load/alternating-load.js";
import type { LoadRound } from "../src/load/autocannon.js";

const round = (requestsPerSecond: number, requests: number, p50Ms: number, p99Ms: number): LoadRound => ({
  requestsPerSecond,
  requests,
  p50Ms,
  p99Ms,
  errors: 0,
  non2xx: 0,
});

describe("addUp", () => {
  it.each([
    {
      name: "one slice is the round",
      slices: [round(1000, 500, 1, 4)],
      expected: round(1000, 500, 1, 4),
    },
    {
      name: "requests over the time the slices took, latencies as their median",
      slices: [round(1000, 1000, 1, 4), round(3000, 1500, 2, 8), round(2000, 2000, 3, 5)],
      expected: round(4500 / 2.5, 4500, 2, 5),
    },
  ])("$name", ({ slices, expected }) => {
    const result = addUp(slices);
    expect(result.requestsPerSecond).toBeCloseTo(expected.requestsPerSecond, 6);
    expect({ ...result, requestsPerSecond: 0 }).toEqual({ ...expected, requestsPerSecond: 0 });
  });

  const withCpu = (slice: LoadRound, server: number | undefined, load: number): LoadRound => ({
    ...slice,
    ...(server === undefined ? {} : { serverCpuMicrosPerRequest: server }),
    loadCpuMicrosPerRequest: load,
  });

  it.each([
    {
      name: "CPU per request weighted by each slice's requests",
      slices: [withCpu(round(1000, 1000, 1, 4), 100, 50), withCpu(round(1000, 3000, 1, 4), 200, 90)],
      server: (1000 * 100 + 3000 * 200) / 4000,
      load: (1000 * 50 + 3000 * 90) / 4000,
    },
    {
      name: "no server CPU when a slice could not measure it",
      slices: [withCpu(round(1000, 1000, 1, 4), 100, 50), withCpu(round(1000, 1000, 1, 4), undefined, 70)],
      server: undefined,
      load: 60,
    },
    {
      name: "none measured, none reported",
      slices: [round(1000, 1000, 1, 4)],
      server: undefined,
      load: undefined,
    },
  ])("$name", ({ slices, server, load }) => {
    const result = addUp(slices);
    expect(result.serverCpuMicrosPerRequest).toBe(server);
    expect(result.loadCpuMicrosPerRequest).toBe(load);
  });
});

describe("alternatingLoad", () => {
  // Which server answered, in the order requests arrived.
  const arrivals: string[] = [];
  const servers: Server[] = [];
  const urls: string[] = [];

  beforeAll(async () => {
    for (const name of ["A", "B"]) {
      const server = createServer((req, res) => {
        arrivals.push(name);
        req.resume();
        req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      servers.push(server);
      urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    }
  });

  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("warms both up, then loads them in ABBA turns, and reports one round per server", async () => {
    const result = await alternatingLoad({
      urls: [urls[0]!, urls[1]!],
      traffic: "create",
      connections: 2,
      warmUpSeconds: 0.5,
      rounds: 1,
      slicesPerRound: 2,
      sliceSeconds: 0.5,
      // Both servers live in this process: each side's CPU is this process's.
      pids: [process.pid, process.pid],
    });
    // Warm-up A, B; then A, B | B, A: runs of one server merged, that is A B A B A.
    const turns = arrivals.filter((name, i) => name !== arrivals[i - 1]);
    expect(turns).toEqual(["A", "B", "A", "B", "A"]);
    for (const side of [0, 1] as const) {
      expect(result.rounds[side]).toHaveLength(1);
      expect(result.rounds[side][0]!.requests).toBeGreaterThan(0);
    }
    for (const side of [0, 1] as const) {
      const measured = result.rounds[side][0]!;
      expect(measured.loadCpuMicrosPerRequest).toBeGreaterThan(0);
      if (process.platform === "linux") expect(measured.serverCpuMicrosPerRequest).toBeGreaterThan(0);
    }
    const answered = arrivals.length;
    const counted = [0, 1].reduce((sum, side) => sum + result.rounds[side as 0 | 1][0]!.requests, 0);
    // Everything the rounds count was answered (the warm-up's requests come on top).
    expect(answered).toBeGreaterThan(counted);
  }, 30_000);
});
