import { AccessDeniedException, ValidationException } from "@seqstore/server";
import { SignatureVerificationError } from "@seqstore/sigv4/verify";
import type { CallerContext } from "../../caller.js";
import { CompletionRejectedError, planCompletion } from "../../read-sets/complete-upload.js";
import { type AnnouncedDigest, parseAnnouncedDigest } from "../../read-sets/digests.js";
import { PartRejectedError } from "../../read-sets/part-store.js";
import type { ReadSetDescription, UploadRecord } from "../../storage/read-sets/read-set-records.js";
import { clientTokenConflict } from "../client-token-conflict.js";
import type { OperationInput, OperationOutput } from "../operation-types.js";
import { requestFingerprint } from "../request-fingerprint.js";
import {
  DEFAULT_PAGE,
  decodeToken,
  newNumericId,
  pageOf,
  payloadStream,
  type ReadSetHandlerDeps,
  requireStore,
  tokenBinding,
  uploadNotFound,
  validation,
} from "./common.js";

/** Thrown inside a part's commit when its upload stopped taking parts meanwhile. */
class UploadClosedError extends Error {}

export async function createMultipartReadSetUpload(
  deps: ReadSetHandlerDeps,
  input: OperationInput<"createMultipartReadSetUpload">,
  caller: CallerContext,
): Promise<OperationOutput<"createMultipartReadSetUpload">> {
  await requireStore(deps, caller, input.sequenceStoreId);
  if (input.sourceFileType !== "FASTQ" && input.sourceFileType !== "UBAM" && !input.referenceArn) {
    // AWS: a reference is required for aligned files (BAM, CRAM); we check only that one is named.
    throw validation("/referenceArn", `referenceArn is required for a ${input.sourceFileType} read set`);
  }
  const readSet: ReadSetDescription = {
    sourceFileType: input.sourceFileType,
    subjectId: input.subjectId,
    sampleId: input.sampleId,
    name: input.name,
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.generatedFrom !== undefined ? { generatedFrom: input.generatedFrom } : {}),
    ...(input.referenceArn !== undefined ? { referenceArn: input.referenceArn } : {}),
    ...(input.tags !== undefined ? { tags: input.tags } : {}),
  };
  const upload: UploadRecord = {
    accountId: caller.accountId,
    storeId: input.sequenceStoreId,
    uploadId: newNumericId(),
    state: "OPEN",
    creationTime: deps.now(),
    readSet,
  };
  const token = input.clientToken;
  // The same request made twice is the same description: canonicalJson orders tags' keys; empty tags are none.
  const { tags, ...described } = readSet;
  const outcome = await deps.readSets.createUpload(
    upload,
    token === undefined
      ? undefined
      : {
          clientToken: token,
          requestHash: requestFingerprint({
            ...described,
            ...(tags && Object.keys(tags).length > 0 ? { tags } : {}),
          }),
        },
  );
  switch (outcome.kind) {
    case "created":
      return uploadView(upload);
    case "replayed":
      return uploadView(outcome.upload);
    case "tokenConflict":
      throw clientTokenConflict("a CreateMultipartReadSetUpload request", token!);
    case "tokenClosed": {
      const message =
        `The client token ${token} made multipart read set upload ${outcome.uploadId}, which has been ` +
        "completed or aborted. A token is not reused after its upload ends; use a new client token.";
      throw new ValidationException({ message, fieldList: [{ path: "/clientToken", message }] });
    }
  }
}

function uploadView(upload: UploadRecord) {
  const { readSet } = upload;
  return {
    sequenceStoreId: upload.storeId,
    uploadId: upload.uploadId,
    sourceFileType: readSet.sourceFileType,
    subjectId: readSet.subjectId,
    sampleId: readSet.sampleId,
    // Required in AWS's output shapes; empty when the upload named none.
    generatedFrom: readSet.generatedFrom ?? "",
    referenceArn: readSet.referenceArn ?? "",
    name: readSet.name,
    ...(readSet.description !== undefined ? { description: readSet.description } : {}),
    ...(readSet.tags !== undefined ? { tags: readSet.tags } : {}),
    creationTime: upload.creationTime,
  };
}

async function requireOpenUpload(
  deps: ReadSetHandlerDeps,
  caller: CallerContext,
  storeId: string,
  uploadId: string,
): Promise<UploadRecord> {
  const upload = await deps.readSets.getUpload(caller.accountId, storeId, uploadId);
  if (upload === undefined || upload.state !== "OPEN") throw uploadNotFound(uploadId);
  return upload;
}

export async function uploadReadSetPart(
  deps: ReadSetHandlerDeps,
  input: OperationInput<"uploadReadSetPart">,
  caller: CallerContext,
): Promise<OperationOutput<"uploadReadSetPart">> {
  const { sequenceStoreId, uploadId, partSource, partNumber } = input;
  const headers = caller.headers ?? {};
  const announced = announcedDigest(headers);
  await requireOpenUpload(deps, caller, sequenceStoreId, uploadId);
  const lengthText = headers["content-length"];
  const expectedLength = lengthText === undefined ? undefined : Number(lengthText);
  const parts = await deps.runtime.parts();
  try {
    const part = await parts.writePart(
      {
        uploadKey: uploadId,
        source: partSource,
        partNumber,
        body: payloadStream(input.payload),
        ...(expectedLength !== undefined ? { expectedLength } : {}),
        ...(announced ? { announced } : {}),
      },
      async (stored) => {
        const recorded = await deps.readSets.recordPart(
          caller.accountId,
          sequenceStoreId,
          uploadId,
          stored,
          deps.now(),
        );
        if (!recorded) throw new UploadClosedError();
      },
    );
    return { checksum: part.checksum };
  } catch (error) {
    // Aborted (or completed) while the body streamed: its folder went away under the part's file, or the
    // part's write made it again after the abort moved it away.
    const closed = await uploadClosed(deps, caller, sequenceStoreId, uploadId);
    if (closed || error instanceof UploadClosedError) throw uploadNotFound(uploadId);
    // A body that is not the one signed fails its last read: nothing was kept, and the answer is the signature's.
    const cause = error instanceof PartRejectedError ? error.cause : error;
    if (cause instanceof SignatureVerificationError) {
      throw new AccessDeniedException({ message: `${cause.failure.message} (${cause.failure.code})` });
    }
    if (error instanceof PartRejectedError) {
      throw new ValidationException({
        message: `Part ${partSource} ${partNumber} refused: ${error.message}`,
      });
    }
    throw error;
  }
}

/**
 * Whether the upload stopped taking parts. When its record is gone (aborted, or completed and finished),
 * a folder the part's write made again after the abort moved the old one away is removed too.
 */
async function uploadClosed(
  deps: ReadSetHandlerDeps,
  caller: CallerContext,
  storeId: string,
  uploadId: string,
): Promise<boolean> {
  const upload = await deps.readSets.getUpload(caller.accountId, storeId, uploadId);
  if (upload === undefined) await (await deps.runtime.parts()).abortUpload(uploadId);
  return upload?.state !== "OPEN";
}

/** Content-MD5 and x-amz-checksum-sha256 / -sha1, checked against the part's bytes. */
function announcedDigest(headers: Readonly<Record<string, string>>): AnnouncedDigest | undefined {
  const sent: [AnnouncedDigest["algorithm"], string, string | undefined][] = [
    ["sha256", "x-amz-checksum-sha256", headers["x-amz-checksum-sha256"]],
    ["sha1", "x-amz-checksum-sha1", headers["x-amz-checksum-sha1"]],
    ["md5", "content-md5", headers["content-md5"]],
  ];
  for (const [algorithm, header, value] of sent) {
    if (value === undefined) continue;
    try {
      return parseAnnouncedDigest(algorithm, value);
    } catch (error) {
      throw new ValidationException({ message: `${header}: ${(error as Error).message}` });
    }
  }
  return undefined;
}

export async function completeMultipartReadSetUpload(
  deps: ReadSetHandlerDeps,
  input: OperationInput<"completeMultipartReadSetUpload">,
  caller: CallerContext,
): Promise<OperationOutput<"completeMultipartReadSetUpload">> {
  const upload = await requireOpenUpload(deps, caller, input.sequenceStoreId, input.uploadId);
  const stored = await deps.readSets.listParts(upload.uploadId);
  try {
    planCompletion(upload.readSet.sourceFileType, stored, input.parts);
  } catch (error) {
    if (error instanceof CompletionRejectedError) throw validation("/parts", error.message);
    throw error;
  }
  const readSetId = newNumericId();
  const completion = input.parts.map(({ partNumber, partSource, checksum }) => ({
    partNumber,
    partSource,
    checksum,
  }));
  const started = await deps.readSets.beginCompletion(
    {
      accountId: caller.accountId,
      storeId: input.sequenceStoreId,
      id: readSetId,
      uploadId: upload.uploadId,
      status: "PROCESSING_UPLOAD",
      creationTime: deps.now(),
      readSet: upload.readSet,
    },
    completion,
  );
  if (!started) throw uploadNotFound(input.uploadId);
  await deps.runtime.complete({ ...upload, state: "COMPLETING", readSetId, completion });
  return { readSetId };
}

export async function abortMultipartReadSetUpload(
  deps: ReadSetHandlerDeps,
  input: OperationInput<"abortMultipartReadSetUpload">,
  caller: CallerContext,
): Promise<OperationOutput<"abortMultipartReadSetUpload">> {
  if (!(await deps.readSets.abortUpload(caller.accountId, input.sequenceStoreId, input.uploadId))) {
    throw uploadNotFound(input.uploadId);
  }
  await (await deps.runtime.parts()).abortUpload(input.uploadId);
  return {};
}

export async function listMultipartReadSetUploads(
  deps: ReadSetHandlerDeps,
  input: OperationInput<"listMultipartReadSetUploads">,
  caller: CallerContext,
): Promise<OperationOutput<"listMultipartReadSetUploads">> {
  await requireStore(deps, caller, input.sequenceStoreId);
  const binding = await tokenBinding(deps, caller, ["uploads", input.sequenceStoreId]);
  const after = decodeToken(binding, input.nextToken);
  const limit = input.maxResults ?? DEFAULT_PAGE;
  const uploads = await deps.readSets.listUploads(caller.accountId, input.sequenceStoreId, limit + 1, after);
  const { page, nextToken } = pageOf(uploads, limit, binding, (last) => ({
    creationTime: last.creationTime,
    id: last.uploadId,
  }));
  return { uploads: page.map(uploadView), ...(nextToken ? { nextToken } : {}) };
}

export async function listReadSetUploadParts(
  deps: ReadSetHandlerDeps,
  input: OperationInput<"listReadSetUploadParts">,
  caller: CallerContext,
): Promise<OperationOutput<"listReadSetUploadParts">> {
  await requireOpenUpload(deps, caller, input.sequenceStoreId, input.uploadId);
  const filter = input.filter ?? {};
  const binding = await tokenBinding(deps, caller, ["parts", input.uploadId, input.partSource, filter]);
  const after = decodeToken(binding, input.nextToken);
  const afterNumber = after === undefined ? 0 : Number(after.id);
  const limit = input.maxResults ?? DEFAULT_PAGE;
  // At most 10 000 parts a source: filtered and cut into pages here.
  const parts = (await deps.readSets.listParts(input.uploadId, input.partSource)).filter(
    (part) =>
      part.partNumber > afterNumber &&
      (filter.createdAfter === undefined || part.creationTime >= filter.createdAfter) &&
      (filter.createdBefore === undefined || part.creationTime <= filter.createdBefore),
  );
  // Parts are ordered by number: the token holds the last number (creationTime is not needed).
  const { page, nextToken } = pageOf(parts, limit, binding, (last) => ({
    creationTime: new Date(0),
    id: String(last.partNumber),
  }));
  return {
    parts: page.map((part) => ({
      partNumber: part.partNumber,
      partSize: part.size,
      partSource: part.source,
      checksum: part.checksum,
      creationTime: part.creationTime,
      lastUpdatedTime: part.lastUpdatedTime,
    })),
    ...(nextToken ? { nextToken } : {}),
  };
}
