// A small Smithy model (JSON AST) with every restJson1 binding the generator handles, for the
// generator tests: specs.test.ts reads its tables, generated-code.test.ts runs the code made from it.
import type { AstModel } from "@seqstore/smithy";

export const NS = "example.test#";
export const model: AstModel = {
  smithy: "2.0",
  shapes: {
    [`${NS}Svc`]: {
      type: "service",
      version: "1",
      operations: [{ target: `${NS}GetThing` }, { target: `${NS}PutThing` }],
      traits: { "aws.auth#sigv4": { name: "things" } },
    },
    [`${NS}GetThing`]: {
      type: "operation",
      input: { target: `${NS}GetThingInput` },
      output: { target: `${NS}GetThingOutput` },
      errors: [{ target: `${NS}Busy` }],
      traits: { "smithy.api#http": { method: "GET", uri: "/things/{id}/{path+}?view=full", code: 200 } },
    },
    [`${NS}GetThingInput`]: {
      type: "structure",
      members: {
        id: {
          target: "smithy.api#String",
          traits: { "smithy.api#httpLabel": {}, "smithy.api#required": {} },
        },
        path: {
          target: "smithy.api#String",
          traits: { "smithy.api#httpLabel": {}, "smithy.api#required": {} },
        },
        since: { target: "smithy.api#Timestamp", traits: { "smithy.api#httpQuery": "since" } },
        sizes: { target: `${NS}Sizes`, traits: { "smithy.api#httpQuery": "size" } },
        token: {
          target: "smithy.api#String",
          traits: { "smithy.api#idempotencyToken": {}, "smithy.api#httpQuery": "token" },
        },
      },
    },
    [`${NS}GetThingOutput`]: {
      type: "structure",
      members: {
        etag: { target: "smithy.api#String", traits: { "smithy.api#httpHeader": "ETag" } },
        data: { target: "smithy.api#Blob", traits: { "smithy.api#httpPayload": {} } },
      },
    },
    [`${NS}Sizes`]: { type: "list", member: { target: "smithy.api#Integer" } },
    [`${NS}Busy`]: {
      type: "structure",
      members: {
        message: { target: "smithy.api#String" },
        retryAfter: { target: "smithy.api#Integer", traits: { "smithy.api#httpHeader": "Retry-After" } },
      },
      traits: { "smithy.api#error": "server", "smithy.api#httpError": 503, "smithy.api#retryable": {} },
    },
    [`${NS}PutThing`]: {
      type: "operation",
      input: { target: `${NS}PutThingInput` },
      output: { target: `${NS}PutThingOutput` },
      traits: { "smithy.api#http": { method: "PUT", uri: "/things/{id}", code: 201 } },
    },
    [`${NS}PutThingInput`]: {
      type: "structure",
      members: {
        id: {
          target: "smithy.api#String",
          traits: { "smithy.api#httpLabel": {}, "smithy.api#required": {} },
        },
        names: { target: `${NS}Names`, traits: { "smithy.api#httpHeader": "x-names" } },
        when: { target: "smithy.api#Timestamp", traits: { "smithy.api#httpHeader": "x-when" } },
        force: { target: "smithy.api#Boolean", traits: { "smithy.api#httpHeader": "x-force" } },
        meta: { target: `${NS}Meta`, traits: { "smithy.api#httpPrefixHeaders": "x-meta-" } },
        extra: { target: `${NS}Meta`, traits: { "smithy.api#httpQueryParams": {} } },
        note: { target: "smithy.api#String", traits: { "smithy.api#jsonName": "Note" } },
        at: { target: "smithy.api#Timestamp" },
        bytes: { target: "smithy.api#Blob" },
        choice: { target: `${NS}Choice` },
        slots: { target: `${NS}Slots` },
      },
    },
    [`${NS}PutThingOutput`]: {
      type: "structure",
      members: {
        status: { target: "smithy.api#Integer", traits: { "smithy.api#httpResponseCode": {} } },
        dates: { target: `${NS}Dates`, traits: { "smithy.api#httpHeader": "x-dates" } },
        meta: { target: `${NS}Meta`, traits: { "smithy.api#httpPrefixHeaders": "x-meta-" } },
        note: { target: "smithy.api#String", traits: { "smithy.api#jsonName": "Note" } },
        at: { target: "smithy.api#Timestamp" },
        choice: { target: `${NS}Choice` },
        slots: { target: `${NS}Slots` },
      },
    },
    [`${NS}Names`]: { type: "list", member: { target: "smithy.api#String" } },
    [`${NS}Dates`]: { type: "list", member: { target: "smithy.api#Timestamp" } },
    [`${NS}Meta`]: {
      type: "map",
      key: { target: "smithy.api#String" },
      value: { target: "smithy.api#String" },
    },
    [`${NS}Slots`]: {
      type: "list",
      member: { target: "smithy.api#Timestamp", traits: { "smithy.api#timestampFormat": "date-time" } },
      traits: { "smithy.api#sparse": {} },
    },
    [`${NS}Choice`]: {
      type: "union",
      members: { text: { target: "smithy.api#String" }, number: { target: "smithy.api#Integer" } },
    },
  },
};
