// What @requestCompression and @httpChecksumRequired do to a serialized request body: each is a
// filter the generated operation lists (so only operations with the trait bring it into a bundle).

/** The request's headers as the light fetcher merged them. */
export type FilterHeaders = Record<string, string> | Headers;

/** The client options filters read (see ClientOptions). */
export interface FilterSettings {
  options: {
    disableRequestCompression?: boolean | undefined;
    requestMinCompressionSizeBytes?: number | undefined;
  };
}

/** Turns the body's bytes into the bytes sent, setting the headers that describe them. */
export type BodyFilter = (
  body: Uint8Array,
  headers: FilterHeaders,
  settings: FilterSettings,
) => Uint8Array | Promise<Uint8Array>;

export function setHeader(headers: FilterHeaders, name: string, value: string): void {
  if (headers instanceof Headers) headers.set(name, value);
  else headers[name] = value;
}

/** Adds `value` to a header's list (`custom, gzip`). */
export function appendHeader(headers: FilterHeaders, name: string, value: string): void {
  const current = headers instanceof Headers ? headers.get(name) : headers[name];
  setHeader(headers, name, current ? `${current}, ${value}` : value);
}
