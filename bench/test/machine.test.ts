// The machine line of the results: how idle CPUs wait decides what a cross-CPU wake-up costs (figure 2).
import { describe, expect, it } from "vitest";
import { cpuIdleInfo, type SystemFileReader } from "../src/machine.js";

const DRIVER = "/sys/devices/system/cpu/cpuidle/current_driver";
const POLL = "/sys/module/haltpoll/parameters/guest_halt_poll_ns";

function files(entries: Partial<Record<string, string>>): SystemFileReader {
  return (file) => entries[file];
}

describe("cpuIdleInfo", () => {
  it.each<{ name: string; files: Partial<Record<string, string>>; expected: string | undefined }>([
    { name: "no cpuidle (another OS)", files: {}, expected: undefined },
    { name: "an empty driver name", files: { [DRIVER]: "" }, expected: undefined },
    { name: "a bare-metal driver", files: { [DRIVER]: "intel_idle" }, expected: "intel_idle" },
    {
      name: "haltpoll, polling off",
      files: { [DRIVER]: "haltpoll", [POLL]: "0" },
      expected: "haltpoll, guest halt polling off",
    },
    {
      name: "haltpoll, the kernel's default polling",
      files: { [DRIVER]: "haltpoll", [POLL]: "200000" },
      expected: "haltpoll, guest halt polling up to 200 µs",
    },
    { name: "haltpoll without its parameters", files: { [DRIVER]: "haltpoll" }, expected: "haltpoll" },
    {
      name: "haltpoll with an unreadable value",
      files: { [DRIVER]: "haltpoll", [POLL]: "n/a" },
      expected: "haltpoll",
    },
    {
      name: "polling read by another driver",
      files: { [DRIVER]: "acpi_idle", [POLL]: "0" },
      expected: "acpi_idle",
    },
  ])("$name", ({ files: entries, expected }) => {
    expect(cpuIdleInfo(files(entries))).toBe(expected);
  });

  it("reads this machine's files without throwing", () => {
    expect(["string", "undefined"]).toContain(typeof cpuIdleInfo());
  });
});
