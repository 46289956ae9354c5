import type { SequenceStoreRecord } from "../storage/sequence-store-record.js";
import type { GetSequenceStoreOutput, SequenceStoreDetail } from "./operation-types.js";

// The casts narrow strings this service itself wrote from validated input back to the model's enums.
type Status = GetSequenceStoreOutput["status"];
type SseConfig = GetSequenceStoreOutput["sseConfig"];
type ETagAlgorithmFamily = GetSequenceStoreOutput["eTagAlgorithmFamily"];

/** What List returns for a store: no S3 access and no propagated tag keys (AWS's SequenceStoreDetail). */
export function toDetail(store: SequenceStoreRecord): SequenceStoreDetail {
  const detail: SequenceStoreDetail = {
    arn: store.arn,
    id: store.id,
    name: store.name,
    creationTime: store.creationTime,
    updateTime: store.updateTime,
    status: store.status as Status,
  };
  if (store.description !== undefined) detail.description = store.description;
  if (store.sseConfig !== undefined) detail.sseConfig = store.sseConfig as SseConfig;
  if (store.fallbackLocation !== undefined) detail.fallbackLocation = store.fallbackLocation;
  if (store.eTagAlgorithmFamily !== undefined)
    detail.eTagAlgorithmFamily = store.eTagAlgorithmFamily as ETagAlgorithmFamily;
  if (store.statusMessage !== undefined) detail.statusMessage = store.statusMessage;
  return detail;
}

/**
 * What Get and Update return: every member of the store but its tags (which, as in AWS, only the tagging
 * API shows). UpdateSequenceStoreResponse has the same members.
 */
export function toFullView(store: SequenceStoreRecord): GetSequenceStoreOutput {
  const view: GetSequenceStoreOutput = toDetail(store);
  if (store.propagatedSetLevelTags !== undefined) view.propagatedSetLevelTags = store.propagatedSetLevelTags;
  if (store.s3Access !== undefined) view.s3Access = store.s3Access;
  return view;
}
