// What the router learned about a request, kept on `res.locals` so middleware mounted before the router
// (access logs) can read it once the response is finished.
import type { Response } from "express";
import type { ResponseMeta } from "../core/protocol.js";

export interface ResponseInfo extends ResponseMeta {
  /** The `x-amzn-RequestId` the response carries. */
  requestId?: string;
}

const KEY = "seqstoreResponseInfo";

export function setResponseInfo(res: Response, info: ResponseInfo): void {
  res.locals[KEY] = info;
}

/** The info of a response the router answered; empty for one it never saw. */
export function responseInfo(res: Response): ResponseInfo {
  const info: unknown = res.locals[KEY];
  return typeof info === "object" && info !== null ? (info as ResponseInfo) : {};
}
