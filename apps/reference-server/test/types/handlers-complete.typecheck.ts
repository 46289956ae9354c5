// Checked by `tsc -p apps/reference-server/tsconfig.json` (this folder is under test/), never run. It shows
// that the generated OmicsHandlers interface makes a missing operation a compile error: when the model gains
// an operation, the reference server stops compiling until it implements it.
import type { OmicsHandlers } from "@seqstore/server";
import type { createOmicsHandlers, ReferenceContext } from "../../src/handlers/omics-handlers.js";

declare const complete: ReturnType<typeof createOmicsHandlers>;
const { getSequenceStore: _dropped, ...withoutGet } = complete;

// @ts-expect-error getSequenceStore is missing, so this is not an OmicsHandlers.
export const incomplete: OmicsHandlers<ReferenceContext> = withoutGet;

// The complete set still is one (if this line broke, the @ts-expect-error above would prove nothing).
export const whole: OmicsHandlers<ReferenceContext> = { ...withoutGet, getSequenceStore: _dropped };
