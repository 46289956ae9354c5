// Async paginators over @paginated operations: call the operation page after page, feeding each
// response's output token back as the next input token, until the service sends no token.
import type { MetadataBearer } from "./operation.js";
import type { Operation } from "./spec.js";

export interface PaginationOptions {
  /** Items per page, sent as the operation's page-size member (e.g. `maxResults`). */
  pageSize?: number;
  /** Token to start from (e.g. a `nextToken` saved earlier) instead of the first page. */
  startingToken?: string;
}

/** What the generator knows about one paginated operation (the `@paginated` trait, merged with the service's). */
export interface Paging<Output> {
  /** Operation name, for error messages. */
  name: string;
  /** Input member that carries the token. */
  inputToken: string;
  /** Input member that carries the page size, when the operation has one. */
  pageSize?: string;
  /** Reads the output token (which may sit in a nested structure) from a page. */
  outputToken: (page: Output) => unknown;
}

/** The part of a client a paginator needs. */
export interface Sender {
  send<Input, Output>(operation: Operation<Input, Output>, input: Input): Promise<Output & MetadataBearer>;
}

/**
 * Every page of a paginated operation, the first one included. Stops after a page without an
 * output token (absent or ""); throws when the service sends a token it sent before, which would
 * otherwise loop forever. Errors of any call propagate, ending the iteration.
 */
export async function* paginatePages<Input extends object, Output>(
  client: Sender,
  operation: Operation<Input, Output>,
  paging: Paging<Output>,
  input: Input,
  options: PaginationOptions = {},
): AsyncGenerator<Output & MetadataBearer, void, undefined> {
  const request = { ...input } as Record<string, unknown>;
  if (options.startingToken !== undefined) request[paging.inputToken] = options.startingToken;
  if (paging.pageSize && options.pageSize !== undefined) request[paging.pageSize] = options.pageSize;
  const seen = new Set<unknown>([request[paging.inputToken]]);
  for (;;) {
    const page = await client.send(operation, request as Input);
    yield page;
    const token = paging.outputToken(page);
    if (token == null || token === "") return;
    if (seen.has(token)) {
      throw new Error(
        `${paging.name}: the service sent the pagination token ${JSON.stringify(token)} again; stopped instead of requesting the same page forever`,
      );
    }
    seen.add(token);
    request[paging.inputToken] = token;
  }
}

/** The items of every page, in order (pages without items contribute none). */
export async function* paginateItems<Page, Item>(
  pages: AsyncIterable<Page>,
  items: (page: Page) => readonly Item[] | undefined,
): AsyncGenerator<Item, void, undefined> {
  for await (const page of pages) yield* items(page) ?? [];
}
