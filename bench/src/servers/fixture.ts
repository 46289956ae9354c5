// The one CreateSequenceStore exchange every stub and baseline server answers, so they return the same bytes.
import type { CreateSequenceStoreRequest, CreateSequenceStoreResponse } from "@seqstore/types";

export const CREATE_PATH = "/sequencestore";

export const CREATE_REQUEST: CreateSequenceStoreRequest = {
  name: "bench-store",
  description: "A store the benchmark creates over and over.",
  clientToken: "bench-client-token-0001",
};

export const CREATE_REQUEST_BODY = JSON.stringify(CREATE_REQUEST);

const CREATION_TIME = new Date(Date.UTC(2024, 0, 1, 12, 0, 0));

/** What the trivial in-memory handler returns. */
export function createResponse(name: string): CreateSequenceStoreResponse {
  return {
    id: "1234567890",
    arn: "arn:aws:omics:us-east-1:123456789012:sequenceStore/1234567890",
    name,
    creationTime: CREATION_TIME,
    status: "ACTIVE",
  };
}

/** The same response as the stub puts it on the wire (timestamps as Smithy's date-time: no zero fraction). */
export const CREATE_RESPONSE_WIRE = JSON.stringify({
  ...createResponse(CREATE_REQUEST.name),
  creationTime: CREATION_TIME.toISOString().replace(".000Z", "Z"),
});
