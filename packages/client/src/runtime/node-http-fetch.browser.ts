// What browser bundles take for node-http-fetch.ts (package.json "browser"): no node:http there, so
// every request goes through fetch.
import type { NodeHttpFetch } from "./node-http-fetch.js";

export type { NodeHttpFetch };

export const nodeCallFetch: NodeHttpFetch | undefined = undefined;

export const nodeStreamFetch: NodeHttpFetch | undefined = undefined;
