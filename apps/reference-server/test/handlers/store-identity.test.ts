import { describe, expect, it } from "vitest";
import {
  accessPointAlias,
  drawSequenceStoreId,
  partitionOf,
  randomAlphanumeric,
  sequenceStoreArn,
  sequenceStoreIdentity,
  shortRegionCode,
} from "../../src/handlers/store-identity.js";

describe("store identity", () => {
  it("draws 10-digit ids without a leading zero", () => {
    for (let i = 0; i < 200; i++) expect(drawSequenceStoreId()).toMatch(/^[1-9][0-9]{9}$/);
  });

  it.each([
    ["us-east-1", "aws", "use1"],
    ["eu-central-1", "aws", "euc1"],
    ["ap-southeast-2", "aws", "apse2"],
    ["cn-north-1", "aws-cn", "cnn1"],
    ["us-gov-west-1", "aws-us-gov", "usgovw1"],
  ])("%s is in partition %s with short code %s", (region, partition, code) => {
    expect(partitionOf(region)).toBe(partition);
    expect(shortRegionCode(region)).toBe(code);
  });

  it("draws random lowercase alphanumerics of the asked length, every character possible", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const text = randomAlphanumeric(30);
      expect(text).toMatch(/^[a-z0-9]{30}$/);
      for (const char of text) seen.add(char);
    }
    // 6000 draws over 36 characters: a missing one means a biased or broken draw.
    expect(seen.size).toBe(36);
  });

  it("builds the ARN from region, account and id", () => {
    expect(sequenceStoreArn("us-west-2", "123456789012", "1234567890")).toBe(
      "arn:aws:omics:us-west-2:123456789012:sequenceStore/1234567890",
    );
  });

  it.each(["us-east-1", "ap-southeast-2", "us-gov-west-1"])("makes a 63-character alias in %s", (region) => {
    const alias = accessPointAlias(region, "123456789012", "1234567890");
    expect(alias).toHaveLength(63);
    expect(alias).toMatch(/^123456789012-1234567-[a-z0-9]{34}-s3alias$/);
  });

  it("fills s3Access with values that satisfy the model's patterns", () => {
    const identity = sequenceStoreIdentity({
      region: "us-east-1",
      accountId: "123456789012",
      id: "1234567890",
      accessLogLocation: "s3://logs-bucket/omics/",
    });
    expect(identity.arn).toMatch(/^arn:.+$/);
    expect(identity.s3Access?.s3Uri).toMatch(
      /^s3:\/\/([a-z0-9][a-z0-9-.]{1,61}[a-z0-9])\/123456789012\/sequenceStore\/1234567890\/$/,
    );
    expect(identity.s3Access?.s3AccessPointArn).toBe(
      "arn:aws:s3:us-east-1:123456789012:accesspoint/123456789012-1234567890",
    );
    expect(identity.s3Access?.accessLogLocation).toBe("s3://logs-bucket/omics/");
  });
});
