import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { ResourceNotFoundException, ValidationException } from "@seqstore/server";
import type { CallerContext } from "../../caller.js";
import type { ReadSetRepository } from "../../storage/read-sets/read-set-repository.js";
import type { SequenceStoreRepository } from "../../storage/sequence-store-repository.js";
import { decodeListToken, encodeListToken, type ListPosition, type TokenBinding } from "../list-token.js";
import { sequenceStoreNotFound } from "../not-found.js";
import { partitionOf } from "../store-identity.js";
import type { ReadSetRuntime } from "./read-set-runtime.js";

export interface ReadSetHandlerDeps {
  stores: SequenceStoreRepository;
  readSets: ReadSetRepository;
  runtime: ReadSetRuntime;
  now: () => Date;
}

/** Page size when maxResults is absent (AWS documents the range 1–100 only). */
export const DEFAULT_PAGE = 100;

/**
 * Upload and read set ids: 20 random decimal digits (the model's pattern is digits, 10–36 of them), so ids
 * are unguessable and never reveal how many another account made.
 */
export function newNumericId(): string {
  const digits = randomBytes(20).map((byte) => byte % 10);
  if (digits[0] === 0) digits[0] = 1 + (randomBytes(1)[0]! % 9);
  return Array.from(digits).join("");
}

export function readSetArn(caller: CallerContext, storeId: string, id: string): string {
  return `arn:${partitionOf(caller.region)}:omics:${caller.region}:${caller.accountId}:sequenceStore/${storeId}/readSet/${id}`;
}

/** Fails with the store's 404 unless the caller's account holds the store. */
export async function requireStore(deps: ReadSetHandlerDeps, caller: CallerContext, storeId: string) {
  const store = await deps.stores.get(caller.accountId, storeId);
  if (store === undefined) throw sequenceStoreNotFound(storeId);
  return store;
}

/** The answer for an upload id the caller cannot use: unknown, aborted, completed or another account's. */
export function uploadNotFound(uploadId: string): ResourceNotFoundException {
  return new ResourceNotFoundException({ message: `Multipart read set upload ${uploadId} not found.` });
}

export function readSetNotFound(id: string): ResourceNotFoundException {
  return new ResourceNotFoundException({ message: `Read set ${id} not found.` });
}

export function validation(path: string, message: string): ValidationException {
  return new ValidationException({ message, fieldList: [{ path, message }] });
}

/** Binds a list token to the operation, account, store and filter, so it cannot be replayed elsewhere. */
export async function tokenBinding(
  deps: ReadSetHandlerDeps,
  caller: CallerContext,
  scope: unknown,
): Promise<TokenBinding> {
  return {
    secret: await deps.stores.secret("list-token"),
    accountId: caller.accountId,
    filterHash: createHash("sha256").update(JSON.stringify(scope)).digest("base64url"),
  };
}

export function decodeToken(binding: TokenBinding, token: string | undefined): ListPosition | undefined {
  if (token === undefined) return undefined;
  const position = decodeListToken(binding, token);
  if (position === undefined) {
    throw validation(
      "/nextToken",
      "The nextToken is not valid: it was not issued for this list, was changed, or belongs to another " +
        "account, store or filter. Repeat the request with the filter of the first page.",
    );
  }
  return position;
}

/** A streaming payload as a Node stream of bytes, whatever form the adapter handed it in. */
export function payloadStream(
  payload: Uint8Array | string | Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
): AsyncIterable<Uint8Array> | Readable {
  if (typeof payload === "string" || payload instanceof Uint8Array) {
    return Readable.from([typeof payload === "string" ? Buffer.from(payload) : payload]);
  }
  // A web stream is read through its own async iterator: its errors reach the reader and nothing else.
  if (payload instanceof Blob) return payload.stream() as unknown as AsyncIterable<Uint8Array>;
  if (payload instanceof ReadableStream) return payload as unknown as AsyncIterable<Uint8Array>;
  return payload;
}

/**
 * Cuts a page from rows fetched one past the limit: the page, and a nextToken for the position of its last
 * row only when there are more.
 */
export function pageOf<T>(
  rows: readonly T[],
  limit: number,
  binding: TokenBinding,
  position: (last: T) => ListPosition,
): { page: T[]; nextToken?: string } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return rows.length > limit && last !== undefined
    ? { page, nextToken: encodeListToken(binding, position(last)) }
    : { page };
}
