import { readFileSync } from "node:fs";
import os from "node:os";
import type { MachineInfo } from "./types.js";

/** Reads a small system file; undefined where it does not exist (another OS, another kernel). */
export type SystemFileReader = (file: string) => string | undefined;

const readSystemFile: SystemFileReader = (file) => {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return undefined;
  }
};

/**
 * How an idle CPU waits, on Linux: the cpuidle driver, and for a KVM guest's haltpoll driver how long it
 * polls before halting. With no polling a halted virtual CPU must be woken through the hypervisor, and the
 * process that wakes it pays for that (on 2 CPUs: the server waking the load process, see figure 2).
 */
export function cpuIdleInfo(read: SystemFileReader = readSystemFile): string | undefined {
  const driver = read("/sys/devices/system/cpu/cpuidle/current_driver");
  if (driver === undefined || driver === "") return undefined;
  const pollNs = read("/sys/module/haltpoll/parameters/guest_halt_poll_ns");
  if (driver !== "haltpoll" || pollNs === undefined || !/^\d+$/.test(pollNs)) return driver;
  return pollNs === "0"
    ? "haltpoll, guest halt polling off"
    : `haltpoll, guest halt polling up to ${Number(pollNs) / 1000} µs`;
}

export function machineInfo(now: Date = new Date()): MachineInfo {
  const cpus = os.cpus();
  const cpuIdle = cpuIdleInfo();
  return {
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cores: os.availableParallelism?.() ?? cpus.length,
    totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: os.platform(),
    arch: os.arch(),
    date: now.toISOString(),
    ...(cpuIdle !== undefined ? { cpuIdle } : {}),
  };
}
