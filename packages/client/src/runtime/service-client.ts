// The hand-written half of a generated client: options, the openapi-fetch client every call goes
// through (signed and marked by the transport), and the call pipeline.
import createClient, { type Middleware } from "openapi-fetch";
import { type SigningClock, signingClock } from "./clock.js";
import { type Credentials, type CredentialsProvider, credentialsSource } from "./credentials.js";
import type { ServiceException, ServiceExceptionOptions } from "./exceptions.js";
import {
  callOperation,
  type ErrorClass,
  type Fetcher,
  type MetadataBearer,
  type OperationContext,
} from "./operation.js";
import { DEFAULT_MAX_ATTEMPTS, RetryQuota } from "./retry.js";
import type { Operation } from "./spec.js";
import { RequestCarrier } from "./request-carrier.js";
import { createTransport, type Transport } from "./transport.js";
import { uuid } from "./uuid.js";

export interface ClientOptions {
  /** Where the service listens, e.g. "http://localhost:8080" or "https://control-storage-omics.us-east-1.amazonaws.com". */
  baseUrl: string;
  /** The region requests are signed for, e.g. "us-east-1" (needed with `credentials`). */
  region?: string;
  /**
   * Signs every request with AWS Signature Version 4. A function is asked once, and again shortly
   * before the `expiration` of the credentials it returned. Without credentials, requests go unsigned.
   */
  credentials?: Credentials | CredentialsProvider;
  /**
   * A fetch to use instead of the global one (tests, proxies, logging). It receives each request
   * ready to go, signed.
   */
  fetch?: typeof fetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * openapi-fetch middleware for every request, method calls and `raw` alike (requests are signed
   * after the last one ran). More can be added later with `client.raw.use(…)`.
   */
  middleware?: Middleware[];
  /** The local time in epoch milliseconds (default: Date.now); for tests. */
  now?: () => number;
  /** Attempts per method call, the first included (default 3; 1 turns retries off). `raw` never retries. */
  maxAttempts?: number;
  /** Makes idempotency tokens for inputs that leave theirs out (default: crypto.randomUUID). */
  idempotencyToken?: () => string;
  /** Waits between attempts (default: setTimeout); for tests and simulations. */
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) that jitters retry delays (default: Math.random); for tests. */
  random?: () => number;
}

/** What the generator supplies about one service. */
export interface ServiceDefinition {
  errors: Readonly<Record<string, ErrorClass>>;
  unmodeledError: (options: ServiceExceptionOptions) => ServiceException;
  /**
   * The SigV4 signing name from the model's `aws.auth#sigv4` trait; for a service without one,
   * `refuseCredentials`, called when credentials are given (so signed services' bundles leave it out).
   */
  signing: string | (() => never);
}

/** The `signing` of a service whose model declares no SigV4: it cannot take credentials. */
export function refuseCredentials(): never {
  throw new TypeError("credentials were given, but the service's model declares no aws.auth#sigv4 signing");
}

/** `send`'s input argument: optional when every input member is. */
export type InputArgument<Input> = Record<string, never> extends Input ? [input?: Input] : [input: Input];

export interface ServiceClient<Raw = unknown> {
  /** The openapi-fetch client (typed by the generated client with the OpenAPI `paths`). */
  readonly raw: Raw;
  /** Calls one operation (an operation constant such as `CreateSequenceStore`) with retries. */
  send<Input, Output>(
    operation: Operation<Input, Output>,
    ...input: InputArgument<Input>
  ): Promise<Output & MetadataBearer>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createServiceClient(options: ClientOptions, service: ServiceDefinition): ServiceClient {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be a whole number of at least 1, not ${maxAttempts}`);
  }
  const now = options.now ?? Date.now;
  // Looked up per request, so a fetch stubbed after the client was made is still used.
  const baseFetch = () => options.fetch ?? globalThis.fetch;
  let clock: SigningClock | undefined;
  let transport: Transport;
  const { credentials, region } = options;
  if (credentials === undefined) transport = createTransport(baseFetch);
  else {
    const { signing } = service;
    const signingName = typeof signing === "string" ? signing : signing();
    if (!region) throw new TypeError("region is required to sign requests with credentials");
    clock = signingClock(now);
    transport = createTransport(baseFetch, {
      region,
      service: signingName,
      credentials: credentialsSource(credentials, now),
      clock,
    });
  }
  // openapi-fetch hands the transport its Request (or, for method calls, the carrier) and nothing else.
  const raw = createClient({ baseUrl: options.baseUrl, fetch: transport, headers: options.headers });
  // openapi-fetch does not tell whether it holds middleware: note every `use` (an `eject` later
  // leaves the client on real Requests, which is only slower).
  let middleware = false;
  const { use } = raw;
  raw.use = (...added) => {
    middleware = true;
    use(...added);
  };
  if (options.middleware?.length) raw.use(...options.middleware);
  const context: OperationContext = {
    // The service's errors and unmodeledError (its `signing` goes unread).
    ...service,
    fetcher: raw as unknown as Fetcher,
    // Middleware sees (and may replace) a real Request; without any, a light carrier will do.
    requestClass: () => (middleware ? undefined : RequestCarrier),
    idempotencyToken: options.idempotencyToken ?? uuid,
    maxAttempts,
    quota: new RetryQuota(),
    sleep: options.sleep ?? defaultSleep,
    random: options.random ?? Math.random,
    now,
    clock,
  };
  return {
    raw,
    send: <Input, Output>(operation: Operation<Input, Output>, ...[input]: InputArgument<Input>) =>
      callOperation<Output>(context, operation as Operation, input ?? {}),
  };
}
