// The streaming-blob fixture service (test/fixtures/streaming/blobs.smithy), generated through the
// same generators as the protocol test runner, for the streaming tests and the bench figures: its
// client module and its server stub's service definition.
import path from "node:path";
import { type GeneratedService, generateService } from "./generate.js";
import { repoRoot } from "./paths.js";
import { loadModel } from "./run.js";

export const STREAMING_FIXTURE = path.join(
  repoRoot,
  "packages/protocol-tests/test/fixtures/streaming/blobs.smithy",
);
export const STREAMING_SERVICE_ID = "example.blobs#Blobs";

export interface StreamingFixture {
  generated: GeneratedService;
  /** The generated client module (createBlobsClient, the operation constants, errors). */
  client: Record<string, unknown>;
  /** The server stub's service definition (blobsService), as createNodeHandler / createRouter take it. */
  service: unknown;
}

/** Generates (or reuses the cached) fixture service and imports its client and server stub. */
export async function loadStreamingFixture(): Promise<StreamingFixture> {
  const generated = await generateService(loadModel([STREAMING_FIXTURE]), STREAMING_SERVICE_ID);
  if (!generated.serverDir)
    throw new Error(generated.openApiError ?? "the fixture's server stub was not generated");
  const client = (await import(generated.clientEntry)) as Record<string, unknown>;
  const server = (await import(path.join(generated.serverDir, "service.ts"))) as Record<string, unknown>;
  return { generated, client, service: server.blobsService };
}
