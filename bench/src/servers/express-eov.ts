// Extra reference point of figure 1: bare Express 5 + express.json() + express-openapi-validator with the
// stub's OpenAPI document and options, and the same trivial answer: what the validator (which the stub's
// Express adapter must use) costs when added to bare Express the usual way.
import { createServer } from "node:http";
import { omicsOpenApiDocument } from "@seqstore/server";
import express from "express";
import * as OpenApiValidator from "express-openapi-validator";
import { listenAndAnnounce } from "./announce.js";
import { CREATE_PATH, CREATE_RESPONSE_WIRE } from "./fixture.js";

type ApiSpec = Parameters<typeof OpenApiValidator.middleware>[0]["apiSpec"];

const app = express();
app.disable("x-powered-by");
app.use(express.json());
app.use(
  OpenApiValidator.middleware({
    // The validator mutates the document it gets: give it a copy.
    apiSpec: structuredClone(omicsOpenApiDocument) as unknown as ApiSpec,
    validateRequests: { allErrors: true, allowUnknownQueryParameters: true },
    validateResponses: false,
    validateSecurity: false,
    validateApiSpec: false,
    fileUploader: false,
  }),
);
app.post(CREATE_PATH, (_req, res) => {
  res.status(200).type("application/json").send(CREATE_RESPONSE_WIRE);
});

listenAndAnnounce(createServer(app));
