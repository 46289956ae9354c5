import { randomBytes, randomInt } from "node:crypto";
import type { SequenceStoreIdentity } from "../storage/sequence-store-record.js";

/**
 * Identity of a sequence store as AWS shapes it. Real ids are 10 random digits; real S3 URIs point at an
 * S3 access point alias, `s3://{apName(20)}-{34 lowercase alphanumerics}-s3alias/{account}/sequenceStore/{id}/`,
 * where the access point is named `{account}-{id}` and the alias keeps only its first 20 characters (so the
 * alias is exactly 63 characters, S3's bucket-name limit). The alias's random part ends in a short region
 * code (`…use1a` in us-east-1). The access point ARN names the caller's account here; in AWS it belongs to
 * the HealthOmics service, which a local emulator cannot know.
 */

export const SEQUENCE_STORE_ID_DIGITS = 10;

/** A random 10-digit id without a leading zero. */
export function drawSequenceStoreId(): string {
  return String(randomInt(10 ** (SEQUENCE_STORE_ID_DIGITS - 1), 10 ** SEQUENCE_STORE_ID_DIGITS));
}

/** The ARN partition of a region: aws-cn for China, aws-us-gov for GovCloud, aws otherwise. */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

export function sequenceStoreArn(region: string, accountId: string, id: string): string {
  return `arn:${partitionOf(region)}:omics:${region}:${accountId}:sequenceStore/${id}`;
}

const DIRECTIONS: ReadonlyArray<[string, string]> = [
  ["northeast", "ne"],
  ["northwest", "nw"],
  ["southeast", "se"],
  ["southwest", "sw"],
  ["north", "n"],
  ["south", "s"],
  ["east", "e"],
  ["west", "w"],
  ["central", "c"],
];

const shortRegionCodes = new Map<string, string>();

/** us-east-1 → use1, ap-southeast-2 → apse2, eu-central-1 → euc1. */
export function shortRegionCode(region: string): string {
  let code = shortRegionCodes.get(region);
  if (code === undefined) {
    code = region
      .split("-")
      .map((part) => DIRECTIONS.find(([word]) => word === part)?.[1] ?? part)
      .join("");
    // A server knows one region; the bound only keeps a misuse from growing the map without limit.
    if (shortRegionCodes.size < 64) shortRegionCodes.set(region, code);
  }
  return code;
}

const ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";
const ALIAS_RANDOM_LENGTH = 34;
const ACCESS_POINT_PREFIX_LENGTH = 20;

/** Random bytes drawn 4 KiB at a time: one call into the CSPRNG per ~100 aliases instead of one per character. */
const randomPool = { bytes: Buffer.alloc(0), next: 0 };
/** The largest multiple of 36 a byte can hold; bytes at or above it are skipped, so every character is equally likely. */
const UNBIASED_BYTE_LIMIT = 256 - (256 % ALPHANUMERIC.length);

function randomByte(): number {
  if (randomPool.next >= randomPool.bytes.length) {
    randomPool.bytes = randomBytes(4096);
    randomPool.next = 0;
  }
  return randomPool.bytes[randomPool.next++] ?? 0;
}

export function randomAlphanumeric(length: number): string {
  let out = "";
  while (out.length < length) {
    const byte = randomByte();
    if (byte < UNBIASED_BYTE_LIMIT) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  }
  return out;
}

export function accessPointAlias(region: string, accountId: string, id: string): string {
  const regionSuffix = `${shortRegionCode(region)}a`.slice(0, 10);
  const random = randomAlphanumeric(ALIAS_RANDOM_LENGTH - regionSuffix.length) + regionSuffix;
  return `${`${accountId}-${id}`.slice(0, ACCESS_POINT_PREFIX_LENGTH)}-${random}-s3alias`;
}

export interface IdentityInput {
  region: string;
  accountId: string;
  id: string;
  accessLogLocation?: string;
}

export function sequenceStoreIdentity(input: IdentityInput): SequenceStoreIdentity {
  const { region, accountId, id } = input;
  const alias = accessPointAlias(region, accountId, id);
  const s3Access: SequenceStoreIdentity["s3Access"] = {
    s3Uri: `s3://${alias}/${accountId}/sequenceStore/${id}/`,
    s3AccessPointArn: `arn:${partitionOf(region)}:s3:${region}:${accountId}:accesspoint/${accountId}-${id}`,
  };
  if (input.accessLogLocation !== undefined) s3Access.accessLogLocation = input.accessLogLocation;
  return { arn: sequenceStoreArn(region, accountId, id), s3Access };
}
