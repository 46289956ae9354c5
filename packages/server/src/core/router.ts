// Routes a method + path (+ query) to an operation by its @http URI pattern.
import type { OperationSpec } from "./operation-table.js";
import type { ProtocolQuery } from "./protocol.js";

type Segment = { kind: "literal"; value: string } | { kind: "label"; name: string; greedy: boolean };

interface CompiledRoute {
  operation: OperationSpec;
  segments: Segment[];
  /** Constant query parameters from the URI ("?type=x" → type must equal x; "?flag" → present). */
  queryLiterals: [string, string | undefined][];
  /** Sort key: routes with more literal segments and no greedy label win over looser ones. */
  specificity: number;
  /** The operation's method in upper case, compared on every request. */
  method: string;
  /** How many path segments a request must have: exactly `parts` (no greedy label), or more than `parts - 1`. */
  parts: number;
  greedy: boolean;
}

export type RouteMatch =
  | {
      kind: "match";
      operation: OperationSpec;
      labels: Record<string, string>;
      /** Labels whose raw text could not be percent-decoded (bound raw in `labels`); the request is malformed. */
      undecodable?: string[];
    }
  | { kind: "notFound" }
  | { kind: "methodNotAllowed"; allow: string[] };

function compile(operation: OperationSpec): CompiledRoute {
  const q = operation.uri.indexOf("?");
  const path = q < 0 ? operation.uri : operation.uri.slice(0, q);
  const queryLiterals: [string, string | undefined][] = [];
  if (q >= 0) {
    for (const part of operation.uri.slice(q + 1).split("&")) {
      if (part === "") continue;
      const eq = part.indexOf("=");
      queryLiterals.push(eq < 0 ? [part, undefined] : [part.slice(0, eq), part.slice(eq + 1)]);
    }
  }
  const segments: Segment[] = path
    .split("/")
    .filter((s) => s !== "")
    .map((s) => {
      const label = /^\{([^}+]+)(\+)?\}$/.exec(s);
      return label?.[1]
        ? { kind: "label", name: label[1], greedy: label[2] === "+" }
        : { kind: "literal", value: s };
    });
  const literals = segments.filter((s) => s.kind === "literal").length;
  const greedy = segments.some((s) => s.kind === "label" && s.greedy);
  return {
    operation,
    segments,
    queryLiterals,
    specificity: literals * 4 + queryLiterals.length * 2 + (greedy ? 0 : 1),
    method: operation.method.toUpperCase(),
    parts: segments.length,
    greedy,
  };
}

function safeDecode(segment: string): string | undefined {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** A request path split into decoded segments; one that cannot be decoded is kept raw and listed. */
interface PathParts {
  parts: string[];
  /** Indexes of the raw (undecodable) entries of `parts`; undefined when there are none. */
  undecodable: Set<number> | undefined;
}

interface SegmentsMatch {
  labels: Record<string, string>;
  undecodable?: string[];
}

/** Labels bound by matching `path` against `segments`, or undefined. */
function matchSegments(segments: Segment[], path: PathParts): SegmentsMatch | undefined {
  const { parts, undecodable } = path;
  // Made on the first label: most routes tried for a request fail on a literal before any.
  let labels: Record<string, string> | undefined;
  let bad: string[] | undefined;
  let p = 0;
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s]!;
    if (segment.kind === "literal") {
      if (parts[p] !== segment.value || undecodable?.has(p)) return undefined;
      p++;
      continue;
    }
    if (!segment.greedy) {
      const part = parts[p];
      if (part === undefined || part === "") return undefined;
      labels ??= {};
      labels[segment.name] = part;
      if (undecodable?.has(p)) bad = [...(bad ?? []), segment.name];
      p++;
      continue;
    }
    // A greedy label takes every segment except those the rest of the pattern needs.
    const rest = segments.length - s - 1;
    const end = parts.length - rest;
    if (end <= p) return undefined;
    labels ??= {};
    labels[segment.name] = parts.slice(p, end).join("/");
    for (let i = p; i < end; i++) {
      if (undecodable?.has(i)) {
        bad = [...(bad ?? []), segment.name];
        break;
      }
    }
    p = end;
  }
  if (p !== parts.length) return undefined;
  labels ??= {};
  return bad ? { labels, undecodable: bad } : { labels };
}

function queryMatches(route: CompiledRoute, query: ProtocolQuery): boolean {
  for (const [key, value] of route.queryLiterals) {
    const actual = query[key];
    if (actual === undefined) return false;
    if (value === undefined) continue;
    if (!(Array.isArray(actual) ? actual.includes(value) : actual === value)) return false;
  }
  return true;
}

/** Decoded path segments ("/a//b/" keeps the inner empty segment). */
function pathParts(path: string): PathParts {
  const raw = path.split("/");
  const parts: string[] = [];
  let undecodable: Set<number> | undefined;
  const last = raw.length - 1;
  for (let i = 0; i <= last; i++) {
    const segment = raw[i]!;
    // Empty segments count only inside the path (not the leading or trailing "/").
    if (segment === "" && (i === 0 || i === last)) continue;
    const decoded = safeDecode(segment);
    if (decoded === undefined) {
      undecodable ??= new Set();
      undecodable.add(parts.length);
    }
    parts.push(decoded ?? segment);
  }
  return { parts, undecodable };
}

const UPPER_CASE_METHOD = /^[A-Z]+$/;

export interface Router {
  route(method: string, path: string, query: ProtocolQuery): RouteMatch;
}

export function createRouter(operations: readonly OperationSpec[]): Router {
  const routes = operations.map(compile).sort((a, b) => b.specificity - a.specificity);
  // The last path's parts: requests often repeat a path, and PathParts is only ever read.
  let lastPath: string | undefined;
  let lastParts: PathParts | undefined;
  return {
    route(method, path, query) {
      // Segments are decoded one by one so an encoded "/" (%2F) stays inside its label.
      let parts: PathParts;
      if (path === lastPath && lastParts) {
        parts = lastParts;
      } else {
        parts = pathParts(path);
        lastPath = path;
        lastParts = parts;
      }
      // Clients send methods in capitals (node:http passes them on as sent): toUpperCase only for the others.
      const wanted = UPPER_CASE_METHOD.test(method) ? method : method.toUpperCase();
      let allow: Set<string> | undefined;
      const count = parts.parts.length;
      for (const route of routes) {
        // A route whose segment count cannot fit the path is passed over without a match attempt.
        if (route.greedy ? count < route.parts : count !== route.parts) continue;
        const matched = matchSegments(route.segments, parts);
        if (!matched || !queryMatches(route, query)) continue;
        if (route.method === wanted) {
          // Built field by field: a spread of `matched` copies it on a slow path on every request.
          return matched.undecodable
            ? {
                kind: "match",
                operation: route.operation,
                labels: matched.labels,
                undecodable: matched.undecodable,
              }
            : { kind: "match", operation: route.operation, labels: matched.labels };
        }
        allow ??= new Set();
        allow.add(route.method);
      }
      return allow ? { kind: "methodNotAllowed", allow: [...allow].sort() } : { kind: "notFound" };
    },
  };
}
