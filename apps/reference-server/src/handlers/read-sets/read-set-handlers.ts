import { ConflictException, RangeNotSatisfiableException, ResourceNotFoundException } from "@seqstore/server";
import type { CallerContext } from "../../caller.js";
import { PartNotSatisfiableError } from "../../read-sets/download-parts.js";
import { ReadSetFilesMissingError } from "../../read-sets/part-store.js";
import type { ReadSetRecord } from "../../storage/read-sets/read-set-records.js";
import type { ReadSetListFilter } from "../../storage/read-sets/read-set-repository.js";
import type { OperationInput, OperationOutput } from "../operation-types.js";
import {
  DEFAULT_PAGE,
  decodeToken,
  pageOf,
  type ReadSetHandlerDeps,
  readSetArn,
  readSetNotFound,
  requireStore,
  tokenBinding,
} from "./common.js";

type Metadata = OperationOutput<"getReadSetMetadata">;

/** What GetReadSetMetadata and ListReadSets report of a read set. */
function listItem(record: ReadSetRecord, caller: CallerContext) {
  const { readSet } = record;
  return {
    id: record.id,
    arn: readSetArn(caller, record.storeId, record.id),
    sequenceStoreId: record.storeId,
    subjectId: readSet.subjectId,
    sampleId: readSet.sampleId,
    status: record.status,
    name: readSet.name,
    ...(readSet.description !== undefined ? { description: readSet.description } : {}),
    ...(readSet.referenceArn !== undefined ? { referenceArn: readSet.referenceArn } : {}),
    fileType: readSet.sourceFileType,
    ...(record.sequenceInformation ? { sequenceInformation: record.sequenceInformation } : {}),
    creationTime: record.creationTime,
    ...(record.statusMessage !== undefined ? { statusMessage: record.statusMessage } : {}),
    creationType: "UPLOAD" as const,
    ...(record.etag ? { etag: record.etag as Metadata["etag"] } : {}),
  };
}

async function requireReadSet(
  deps: ReadSetHandlerDeps,
  caller: CallerContext,
  storeId: string,
  id: string,
): Promise<ReadSetRecord> {
  const record = await deps.readSets.getReadSet(caller.accountId, storeId, id);
  if (record === undefined) throw readSetNotFound(id);
  return record;
}

export async function getReadSetMetadata(
  deps: ReadSetHandlerDeps,
  input: OperationInput<"getReadSetMetadata">,
  caller: CallerContext,
): Promise<Metadata> {
  const record = await requireReadSet(deps, caller, input.sequenceStoreId, input.id);
  return { ...listItem(record, caller), ...(record.files ? { files: record.files } : {}) };
}

export async function getReadSet(
  deps: ReadSetHandlerDeps,
  input: OperationInput<"getReadSet">,
  caller: CallerContext,
): Promise<OperationOutput<"getReadSet">> {
  const record = await requireReadSet(deps, caller, input.sequenceStoreId, input.id);
  if (record.status !== "ACTIVE") {
    throw new ConflictException({
      message: `Read set ${input.id} is ${record.status}${record.statusMessage ? `: ${record.statusMessage}` : ""}; only an ACTIVE read set can be read.`,
    });
  }
  const file = input.file ?? "SOURCE1";
  try {
    const part = await (await deps.runtime.parts()).readReadSetPart(record.id, file, input.partNumber);
    return { payload: part.body };
  } catch (error) {
    if (error instanceof PartNotSatisfiableError)
      throw new RangeNotSatisfiableException({ message: error.message });
    if (error instanceof ReadSetFilesMissingError) {
      throw new ResourceNotFoundException({ message: `Read set ${input.id} has no ${file} file.` });
    }
    throw error;
  }
}

export async function listReadSets(
  deps: ReadSetHandlerDeps,
  input: OperationInput<"listReadSets">,
  caller: CallerContext,
): Promise<OperationOutput<"listReadSets">> {
  await requireStore(deps, caller, input.sequenceStoreId);
  const given = input.filter ?? {};
  const binding = await tokenBinding(deps, caller, ["read-sets", input.sequenceStoreId, given]);
  const after = decodeToken(binding, input.nextToken);
  const limit = input.maxResults ?? DEFAULT_PAGE;
  // Every read set here was made by an upload: a filter on IMPORT matches none.
  if (given.creationType !== undefined && given.creationType !== "UPLOAD") return { readSets: [] };
  const filter: ReadSetListFilter = {};
  for (const key of ["name", "status", "referenceArn", "sampleId", "subjectId", "generatedFrom"] as const) {
    if (given[key] !== undefined) filter[key] = given[key];
  }
  if (given.createdAfter) filter.createdAfter = given.createdAfter;
  if (given.createdBefore) filter.createdBefore = given.createdBefore;
  const records = await deps.readSets.listReadSets(caller.accountId, input.sequenceStoreId, {
    limit: limit + 1,
    filter,
    ...(after ? { after } : {}),
  });
  const { page, nextToken } = pageOf(records, limit, binding, (last) => last);
  return { readSets: page.map((r) => listItem(r, caller)), ...(nextToken ? { nextToken } : {}) };
}

export async function batchDeleteReadSet(
  deps: ReadSetHandlerDeps,
  input: OperationInput<"batchDeleteReadSet">,
  caller: CallerContext,
): Promise<OperationOutput<"batchDeleteReadSet">> {
  await requireStore(deps, caller, input.sequenceStoreId);
  const parts = await deps.runtime.parts();
  const errors: { id: string; code: string; message: string }[] = [];
  for (const id of new Set(input.ids)) {
    const outcome = await deps.readSets.deleteReadSet(caller.accountId, input.sequenceStoreId, id);
    if (outcome === "not-found") {
      errors.push({ id, code: "ResourceNotFoundException", message: `Read set ${id} not found.` });
    } else if (outcome === "processing") {
      errors.push({
        id,
        code: "ConflictException",
        message: `Read set ${id} is PROCESSING_UPLOAD; delete it once its upload has finished.`,
      });
    } else {
      // The record went first: a crash before the files are gone leaves files the next start sweeps.
      await parts.deleteReadSet(id);
    }
  }
  return errors.length > 0 ? { errors } : {};
}
