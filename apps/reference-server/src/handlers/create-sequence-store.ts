import { ServiceQuotaExceededException, ValidationException } from "@seqstore/server";
import type { CallerContext } from "../caller.js";
import type { SequenceStoreRepository } from "../storage/sequence-store-repository.js";
import type {
  CreateSequenceStoreCommand,
  SequenceStoreDraft,
  SequenceStoreRecord,
} from "../storage/sequence-store-record.js";
import type { CreateSequenceStoreInput, CreateSequenceStoreOutput } from "./operation-types.js";
import { requestFingerprint } from "./request-fingerprint.js";
import { type IdentityInput, sequenceStoreIdentity } from "./store-identity.js";
import { clientTokenConflict } from "./client-token-conflict.js";

/** AWS's documented default ETag algorithm family. */
export const DEFAULT_ETAG_ALGORITHM_FAMILY = "MD5up";

/** AWS documents "up to 50 tags" for a store, but its model puts no @length on TagMap, so the stub cannot check it. */
export const MAX_TAGS = 50;

export interface CreateSequenceStoreDependencies {
  repository: SequenceStoreRepository;
  /** The quota of an account (a function, so per-account quotas can come later). */
  maxStores: (accountId: string) => number;
  now: () => Date;
  /** Chooses ids instead of the repository (tests); absent in the server. */
  newId?: (() => string) | undefined;
}

/**
 * The parameters as they take effect: defaults filled in, empty collections dropped. The idempotency check
 * compares these, so repeating a request that spells a default out (eTagAlgorithmFamily: "MD5up") is the
 * same request as one that leaves it out.
 */
export function effectiveParameters(input: CreateSequenceStoreInput) {
  return {
    name: input.name,
    description: input.description,
    // Without sseConfig AWS encrypts with an AWS owned KMS key, whose ARN it does not disclose.
    sseConfig: input.sseConfig ?? { type: "KMS" as const },
    tags: input.tags !== undefined && Object.keys(input.tags).length > 0 ? input.tags : undefined,
    fallbackLocation: input.fallbackLocation,
    eTagAlgorithmFamily: input.eTagAlgorithmFamily ?? DEFAULT_ETAG_ALGORITHM_FAMILY,
    propagatedSetLevelTags:
      input.propagatedSetLevelTags !== undefined && input.propagatedSetLevelTags.length > 0
        ? input.propagatedSetLevelTags
        : undefined,
    accessLogLocation: input.s3AccessConfig?.accessLogLocation,
  };
}

export async function createSequenceStore(
  deps: CreateSequenceStoreDependencies,
  input: CreateSequenceStoreInput,
  caller: CallerContext,
): Promise<CreateSequenceStoreOutput> {
  const { accountId, region } = caller;
  const tagCount = Object.keys(input.tags ?? {}).length;
  if (tagCount > MAX_TAGS) {
    const message = `A sequence store can have at most ${MAX_TAGS} tags; the request has ${tagCount}.`;
    throw new ValidationException({ message, fieldList: [{ path: "/tags", message }] });
  }
  const parameters = effectiveParameters(input);
  const { accessLogLocation } = parameters;
  // Built member by member: object spreads and rests take V8's slow path on every create.
  const draft: SequenceStoreDraft = {
    name: parameters.name,
    description: parameters.description,
    sseConfig: parameters.sseConfig,
    tags: parameters.tags,
    fallbackLocation: parameters.fallbackLocation,
    eTagAlgorithmFamily: parameters.eTagAlgorithmFamily,
    propagatedSetLevelTags: parameters.propagatedSetLevelTags,
    status: "ACTIVE",
  };
  const command: CreateSequenceStoreCommand = {
    accountId,
    requestHash: requestFingerprint(parameters),
    maxStores: deps.maxStores(accountId),
    draft,
    newId: deps.newId,
    identify: (id) => {
      const identity: IdentityInput = { region, accountId, id };
      if (accessLogLocation !== undefined) identity.accessLogLocation = accessLogLocation;
      return sequenceStoreIdentity(identity);
    },
    now: deps.now(),
  };
  if (input.clientToken !== undefined) command.clientToken = input.clientToken;

  const outcome = await deps.repository.create(command);

  switch (outcome.kind) {
    case "created":
    case "replayed":
      return toResponse(outcome.store);
    case "tokenConflict":
      throw clientTokenConflict("a CreateSequenceStore request", outcome.clientToken);
    case "tokenRetired": {
      const message =
        `The client token ${outcome.clientToken} made sequence store ${outcome.storeId}, which has been ` +
        "deleted. A token is not reused after its store is deleted; use a new client token.";
      throw new ValidationException({ message, fieldList: [{ path: "/clientToken", message }] });
    }
    case "quotaExceeded":
      throw new ServiceQuotaExceededException({
        message:
          `Account ${accountId} already has ${outcome.maxStores} sequence stores in ${region}, ` +
          `the most its service quota allows (${outcome.maxStores}).`,
      });
  }
}

/** The response members of a stored store; tags and bookkeeping columns stay behind. */
export function toResponse(store: SequenceStoreRecord): CreateSequenceStoreOutput {
  // The casts narrow strings this service itself wrote from validated input back to the model's enums.
  const response: CreateSequenceStoreOutput = {
    id: store.id,
    arn: store.arn,
    name: store.name,
    creationTime: store.creationTime,
    status: store.status as CreateSequenceStoreOutput["status"],
  };
  if (store.description !== undefined) response.description = store.description;
  if (store.sseConfig !== undefined)
    response.sseConfig = store.sseConfig as CreateSequenceStoreOutput["sseConfig"];
  if (store.fallbackLocation !== undefined) response.fallbackLocation = store.fallbackLocation;
  if (store.eTagAlgorithmFamily !== undefined) {
    response.eTagAlgorithmFamily =
      store.eTagAlgorithmFamily as CreateSequenceStoreOutput["eTagAlgorithmFamily"];
  }
  if (store.statusMessage !== undefined) response.statusMessage = store.statusMessage;
  if (store.propagatedSetLevelTags !== undefined)
    response.propagatedSetLevelTags = store.propagatedSetLevelTags;
  if (store.s3Access !== undefined) response.s3Access = store.s3Access;
  return response;
}
