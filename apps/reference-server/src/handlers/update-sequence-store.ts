import { ConflictException } from "@seqstore/server";
import type { CallerContext } from "../caller.js";
import type { SequenceStoreRepository } from "../storage/sequence-store-repository.js";
import type { SequenceStoreChanges } from "../storage/sequence-store-record.js";
import { sequenceStoreNotFound } from "./not-found.js";
import type { UpdateSequenceStoreInput, UpdateSequenceStoreOutput } from "./operation-types.js";
import { requestFingerprint } from "./request-fingerprint.js";
import { toFullView } from "./store-views.js";
import { clientTokenConflict } from "./client-token-conflict.js";

export interface UpdateSequenceStoreDependencies {
  repository: SequenceStoreRepository;
  now: () => Date;
}

/**
 * Changes the members UpdateSequenceStoreRequest has: name, description, fallbackLocation,
 * propagatedSetLevelTags and s3AccessConfig.accessLogLocation. The others (sseConfig, eTagAlgorithmFamily,
 * tags, …) are fixed at creation; the model leaves them out of the input, and restJson1 ignores members a
 * request has that the input does not, so sending them changes nothing.
 */
export async function updateSequenceStore(
  deps: UpdateSequenceStoreDependencies,
  input: UpdateSequenceStoreInput,
  caller: CallerContext,
): Promise<UpdateSequenceStoreOutput> {
  const changes: SequenceStoreChanges = {};
  if (input.name !== undefined) changes.name = input.name;
  if (input.description !== undefined) changes.description = input.description;
  if (input.fallbackLocation !== undefined) changes.fallbackLocation = input.fallbackLocation;
  if (input.propagatedSetLevelTags !== undefined)
    changes.propagatedSetLevelTags = input.propagatedSetLevelTags;
  if (input.s3AccessConfig?.accessLogLocation !== undefined) {
    changes.accessLogLocation = input.s3AccessConfig.accessLogLocation;
  }

  const outcome = await deps.repository.update({
    accountId: caller.accountId,
    id: input.id,
    ...(input.clientToken !== undefined ? { clientToken: input.clientToken } : {}),
    // The id is part of what the token stands for: the same token on another store is a different request.
    requestHash: requestFingerprint({ operation: "UpdateSequenceStore", id: input.id, changes }),
    changes,
    now: deps.now(),
  });

  switch (outcome.kind) {
    case "updated":
    case "unchanged":
    case "replayed":
      return toFullView(outcome.store);
    case "notFound":
      throw sequenceStoreNotFound(input.id);
    case "tokenConflict":
      throw clientTokenConflict("an UpdateSequenceStore request", outcome.clientToken);
    case "conflict":
      throw new ConflictException({
        message: `Sequence store ${input.id} is ${outcome.status} and cannot be changed.`,
      });
  }
}
