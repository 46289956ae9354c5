// Where the repository and the protocol test suite are.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Smithy's restJson1 protocol tests, beside the repository (reference material; absent on a bare clone). */
export const SUITE_DIR = path.resolve(repoRoot, "../shared/conformance/protocol-tests");
export const RESTJSON_SERVICE = "aws.protocoltests.restjson#RestJson";
