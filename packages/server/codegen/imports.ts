// Where generated server files import the runtime and the wire types from. Inside @seqstore/server (the
// Omics stub) the runtime is reached by relative paths; a stub generated elsewhere (e.g. for Smithy's
// protocol test service) imports it from the package, and its types from wherever they were generated.
export interface ImportSpecifiers {
  /** Module of the shape types (default "@seqstore/types"). */
  types: string;
  /** Module of the server runtime; undefined: relative paths inside @seqstore/server. */
  runtime: string | undefined;
}

export const DEFAULT_IMPORTS: ImportSpecifiers = { types: "@seqstore/types", runtime: undefined };

/** The specifier of a runtime module, given its path relative to src/generated/. */
export function runtimeModule(imports: ImportSpecifiers, relative: string): string {
  return imports.runtime ?? relative;
}
