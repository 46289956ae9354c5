// CPU time of another process, all its threads together, so the HTTP figures can say what a request
// costs each process besides how many a second get through. On a 2-CPU machine that carries the load
// process too, those costs decide the rate as much as the code's speed does.
import { readdirSync, readFileSync } from "node:fs";

/**
 * Nanoseconds process `pid` has run on a CPU so far: the sum of its threads' run times from Linux's
 * /proc/<pid>/task/<tid>/schedstat (nanosecond resolution, unlike the 10 ms ticks of /proc/<pid>/stat).
 * Threads that ended are not counted (servers keep theirs). Undefined where /proc cannot tell: another
 * OS, a kernel without schedstat, or a process that is gone.
 */
export function processCpuNanos(pid: number, procRoot = "/proc"): number | undefined {
  let tasks: string[];
  try {
    tasks = readdirSync(`${procRoot}/${pid}/task`);
  } catch {
    return undefined;
  }
  let total = 0;
  let counted = 0;
  for (const tid of tasks) {
    let text: string;
    try {
      text = readFileSync(`${procRoot}/${pid}/task/${tid}/schedstat`, "utf8");
    } catch {
      // The thread ended between the listing and the read.
      continue;
    }
    const runNanos = Number(text.split(" ", 1)[0]);
    if (!Number.isFinite(runNanos)) return undefined;
    total += runNanos;
    counted++;
  }
  return counted === 0 ? undefined : total;
}

/** This process's CPU time so far (all threads, user and system), in nanoseconds. */
export function ownCpuNanos(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) * 1000;
}
