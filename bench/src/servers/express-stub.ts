// Ours in figure 1: the generated server stub (OpenAPI validation + binding + handler) mounted on Express 5.
import { createServer } from "node:http";
import { omicsService } from "@seqstore/server";
import { createRouter } from "@seqstore/server/express";
import express from "express";
import { listenAndAnnounce } from "./announce.js";
import { stubHandlers } from "./stub-handlers.js";

const app = express();
app.disable("x-powered-by");
app.use(createRouter(omicsService, stubHandlers));

listenAndAnnounce(createServer(app));
