// Type-level checks, verified by `tsc -p packages/server/tsconfig.json` (not run by vitest).
import type { CreateSequenceStoreResponse } from "@seqstore/types";
import type { HandlerContext } from "../../src/core/handle.js";
import { createRouter } from "../../src/express/create-router.js";
import { ValidationException } from "../../src/generated/errors.js";
import type { OmicsHandlers } from "../../src/generated/handlers.js";
import { otherHandlers } from "../fixtures/other-handlers.js";
import { omicsService } from "../../src/generated/service.js";

const response: CreateSequenceStoreResponse = { id: "1234567890", arn: "arn:x", creationTime: new Date() };

export const complete: OmicsHandlers = {
  ...otherHandlers(),
  async createSequenceStore(input, context) {
    const name: string = input.name;
    const requestId: string = context.requestId;
    return { ...response, name, description: requestId };
  },
};

// @ts-expect-error createSequenceStore is missing
export const missing: OmicsHandlers = {};

// @ts-expect-error getSequenceStore is missing: a new operation in the model breaks handlers that lack it
export const missingNew: OmicsHandlers = { createSequenceStore: complete.createSequenceStore };

export const wrongOutput: OmicsHandlers = {
  ...otherHandlers(),
  // @ts-expect-error the output lacks the required creationTime
  async createSequenceStore() {
    return { id: "1", arn: "arn:x" };
  },
};

export const wrongInput: OmicsHandlers = {
  ...otherHandlers(),
  async createSequenceStore(input) {
    // @ts-expect-error no such input member
    input.nope;
    return response;
  },
};

// The context option's result is visible to handlers; without it, accountId is not.
createRouter<typeof omicsService, { accountId: string }>(
  omicsService,
  {
    ...otherHandlers<HandlerContext & { accountId: string }>(),
    async createSequenceStore(_input, context: HandlerContext & { accountId: string }) {
      return { ...response, name: context.accountId };
    },
  },
  { context: () => ({ accountId: "123456789012" }) },
);
createRouter(omicsService, {
  ...otherHandlers(),
  async createSequenceStore(_input, context) {
    // @ts-expect-error accountId is not part of the default context
    return { ...response, name: context.accountId };
  },
});

// @ts-expect-error the message is required
new ValidationException({ fieldList: [] });
new ValidationException({ message: "m", fieldList: [{ path: "/name", message: "bad" }] });
