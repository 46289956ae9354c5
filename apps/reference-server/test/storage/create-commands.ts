// Create commands for the SQLite repository tests: every field filled in, overridable one by one.
import type {
  CreateSequenceStoreCommand,
  SequenceStoreRecord,
} from "../../src/storage/sequence-store-record.js";
import type { SqliteSequenceStoreRepository } from "../../src/storage/sqlite/sqlite-sequence-store-repository.js";

export const ACCOUNT = "111122223333";
export const OTHER = "999999999999";
export const T0 = Date.UTC(2025, 0, 1);

let made = 0;

/** A create without `newId`, so the repository chooses the id as in the server; a new name each time. */
export function createCommand(
  overrides: Partial<CreateSequenceStoreCommand> = {},
): CreateSequenceStoreCommand {
  made++;
  return {
    accountId: ACCOUNT,
    requestHash: "hash",
    maxStores: 1000,
    draft: { name: `store-${made}`, status: "ACTIVE" },
    identify: (id) => ({
      arn: `arn:aws:omics:us-east-1:${ACCOUNT}:sequenceStore/${id}`,
      s3Access: { s3Uri: `s3://alias/${id}/` },
    }),
    now: new Date(T0),
    ...overrides,
  };
}

/** Runs the create and returns the new store; any other outcome fails the test. */
export async function createdStore(
  repo: SqliteSequenceStoreRepository,
  command: CreateSequenceStoreCommand,
): Promise<SequenceStoreRecord> {
  const outcome = await repo.create(command);
  if (outcome.kind !== "created") throw new Error(`expected a new store, got ${outcome.kind}`);
  return outcome.store;
}
