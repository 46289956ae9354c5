// The error an AWS SDK call was rejected with; fails the test when the call succeeded or threw something
// that is not a service exception.
import { OmicsServiceException } from "@aws-sdk/client-omics";
import { expect } from "vitest";

export async function rejection(promise: Promise<unknown>): Promise<OmicsServiceException> {
  const error = await promise.then(
    () => new Error("expected the call to fail"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OmicsServiceException);
  return error as OmicsServiceException;
}
