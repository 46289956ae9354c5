// How long one durable write takes on this disk: the floor under a server that fsyncs every commit.
import { closeSync, fdatasyncSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { median } from "../stats.js";

export function fsyncMillis(dir: string, samples = 50): number {
  const fd = openSync(path.join(dir, "fsync-probe.bin"), "w");
  const page = Buffer.alloc(4096, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      const start = performance.now();
      writeSync(fd, page, 0, page.length, i * page.length);
      fdatasyncSync(fd);
      times.push(performance.now() - start);
    }
  } finally {
    closeSync(fd);
  }
  return median(times);
}
