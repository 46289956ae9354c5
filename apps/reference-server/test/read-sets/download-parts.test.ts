import { describe, expect, it } from "vitest";
import {
  DOWNLOAD_PART_SIZE,
  downloadRange,
  fileInformation,
  PartNotSatisfiableError,
} from "../../src/read-sets/download-parts.js";

describe("GetReadSet parts", () => {
  it("cuts a file in 100 MiB parts, the last one shorter", () => {
    const length = 2 * DOWNLOAD_PART_SIZE + 5;
    const info = fileInformation(length);
    expect(info).toEqual({ totalParts: 3, partSize: 104_857_600, contentLength: length });
    expect(downloadRange(info, 1)).toEqual({ start: 0, end: DOWNLOAD_PART_SIZE });
    expect(downloadRange(info, 3)).toEqual({ start: 2 * DOWNLOAD_PART_SIZE, end: length });
  });

  it("matches AWS's documented example (the AWS CLI's get-read-set-metadata output)", () => {
    // AWS CLI example: source1 { contentLength: 310054739, partSize: 104857600, totalParts: 3 }.
    expect(fileInformation(310_054_739)).toEqual({
      totalParts: 3,
      partSize: 104_857_600,
      contentLength: 310_054_739,
    });
  });

  it("a file of exactly n parts has no empty part n+1", () => {
    const info = fileInformation(4, 2);
    expect(info.totalParts).toBe(2);
    expect(downloadRange(info, 2)).toEqual({ start: 2, end: 4 });
    expect(() => downloadRange(info, 3)).toThrow(PartNotSatisfiableError);
    expect(() => downloadRange(info, 3)).toThrow(
      "part 3 is beyond the file's last part: it has 2 parts of up to 2 bytes (4 bytes)",
    );
  });

  it("refuses impossible inputs", () => {
    expect(() => fileInformation(0)).toThrow("at least 1 byte");
    expect(() => fileInformation(10_001, 1)).toThrow("at most 10000");
    expect(() => downloadRange(fileInformation(10), 0)).toThrow(RangeError);
    expect(() => downloadRange(fileInformation(10), 1.5)).toThrow(RangeError);
  });
});
