// The reference server's own routes under /_seqstore/ (no signature needed; the modeled API never uses
// that prefix): a health check, the OpenAPI document, and an API reference page rendered by Redoc's
// standalone bundle, served from the installed package (no CDN, nothing fetched from outside).
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { OpenApiDocument } from "@seqstore/server";

export const INFO_PREFIX = "/_seqstore/";

export interface InfoRoutesOptions {
  /** The served OpenAPI document (the generated one). */
  document: OpenApiDocument;
  /** The reference server's version (its package.json). */
  version: string;
  /** Reads storage once; rejects (or takes longer than probeTimeoutMs) when storage is unreachable. */
  probeStorage: () => Promise<unknown>;
  probeTimeoutMs?: number;
}

/** Answers the request when it is one of these routes and returns true; false leaves it to the API. */
export type InfoRoutes = (req: IncomingMessage, res: ServerResponse) => boolean;

const REDOC_FILE = "redoc/bundles/redoc.standalone.js";
/**
 * The bundle's one outside call: the sidebar's attribution logo comes from Redocly's CDN. Served with an
 * empty inline image in its place, so the page works offline and calls nothing but this server.
 */
const REDOC_CDN_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";
const EMPTY_IMAGE = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E";

/** Redoc's standalone bundle from the installed package, without its outside call. */
export function readRedocBundle(): Buffer {
  const text = readFileSync(createRequire(import.meta.url).resolve(REDOC_FILE), "utf8");
  return Buffer.from(text.replaceAll(REDOC_CDN_LOGO, EMPTY_IMAGE), "utf8");
}
const DEFAULT_PROBE_TIMEOUT_MS = 2_000;

/** The reference server's package version. */
export function serverVersion(): string {
  const url = new URL("../../package.json", import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { version: string }).version;
}

function docsPage(title: string): string {
  // Relative URLs: the page works wherever the routes are mounted (also behind a path-rewriting proxy).
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — API reference</title>
<style>body { margin: 0; padding: 0; }</style>
</head>
<body>
<redoc spec-url="openapi.json" hide-download-button="false"></redoc>
<script src="docs/redoc.standalone.js"></script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, head: boolean): void {
  res.statusCode = status;
  res.setHeader("content-type", type);
  res.setHeader("content-length", String(Buffer.byteLength(body)));
  res.setHeader("cache-control", "no-store");
  res.end(head ? undefined : body);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

export function createInfoRoutes(options: InfoRoutesOptions): InfoRoutes {
  const documentJson = JSON.stringify(options.document);
  const page = docsPage(options.document.info.title);
  const probeTimeoutMs = options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  // Read on first use: a server that never serves the page never reads the 1 MB bundle.
  let redoc: Buffer | undefined;
  const redocBundle = () => {
    redoc ??= readRedocBundle();
    return redoc;
  };

  const health = async (res: ServerResponse, head: boolean) => {
    let storage: { reachable: true } | { reachable: false; error: string };
    try {
      await withTimeout(options.probeStorage(), probeTimeoutMs);
      storage = { reachable: true };
    } catch (error) {
      storage = { reachable: false, error: error instanceof Error ? error.message : String(error) };
    }
    const body = {
      status: storage.reachable ? "ok" : "unavailable",
      version: options.version,
      apiVersion: options.document.info.version,
      storage,
    };
    send(res, storage.reachable ? 200 : 503, "application/json", JSON.stringify(body), head);
  };

  const routes: Record<string, (res: ServerResponse, head: boolean) => void> = {
    health: (res, head) => {
      health(res, head).catch((error: unknown) => res.destroy(error as Error));
    },
    "openapi.json": (res, head) => send(res, 200, "application/json", documentJson, head),
    docs: (res, head) => send(res, 200, "text/html; charset=utf-8", page, head),
    "docs/redoc.standalone.js": (res, head) =>
      send(res, 200, "text/javascript; charset=utf-8", redocBundle(), head),
  };

  return (req, res) => {
    const url = req.url ?? "/";
    if (!url.startsWith(INFO_PREFIX)) return false;
    const q = url.indexOf("?");
    const name = url.slice(INFO_PREFIX.length, q === -1 ? undefined : q);
    const route = routes[name];
    if (!route) {
      const known = Object.keys(routes).map((r) => `${INFO_PREFIX}${r}`);
      send(
        res,
        404,
        "application/json",
        JSON.stringify({ message: `No such route; the server's own routes are ${known.join(", ")}.` }),
        req.method === "HEAD",
      );
      return true;
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("allow", "GET, HEAD");
      send(res, 405, "application/json", JSON.stringify({ message: "Only GET and HEAD." }), false);
      return true;
    }
    route(res, req.method === "HEAD");
    return true;
  };
}
