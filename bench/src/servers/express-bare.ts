// Baseline of figure 1: bare Express 5 + express.json(), answering the same body as the stub.
import { createServer } from "node:http";
import express from "express";
import { listenAndAnnounce } from "./announce.js";
import { CREATE_PATH, CREATE_RESPONSE_WIRE } from "./fixture.js";

const app = express();
app.disable("x-powered-by");
app.use(express.json());
app.post(CREATE_PATH, (req, res) => {
  const body = req.body as { name?: unknown } | undefined;
  if (typeof body?.name !== "string") {
    res.status(400).json({ message: "name is required" });
    return;
  }
  res.status(200).type("application/json").send(CREATE_RESPONSE_WIRE);
});

listenAndAnnounce(createServer(app));
