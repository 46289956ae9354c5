// What openapi-fetch builds for a method call when no middleware needs a real `Request` (its
// `Request` option): the URL and init as openapi-fetch made them. A real Request would wrap the
// body in a stream that the transport then reads back; undici's fetch takes the URL and init as
// they are. Middleware and `client.raw` calls still get real Requests.

export class RequestCarrier {
  readonly method: string;

  constructor(
    readonly url: string,
    readonly init: RequestInit,
  ) {
    this.method = init.method ?? "GET";
  }
}
