// What every generated client shares, without openapi-fetch's client: the options, the signed
// transport and the one call pipeline behind `send` (the light fetcher). createSendClient has only
// that (the smallest bundle); service-client.ts adds the typed openapi-fetch client as `raw`.
import type { Middleware } from "openapi-fetch";
import { type SigningClock, signingClock } from "./clock.js";
import { type Credentials, type CredentialsProvider, credentialsSource } from "./credentials.js";
import type { ServiceException, ServiceExceptionOptions } from "./exceptions.js";
import { createLightFetcher } from "./light-fetcher.js";
import {
  callOperation,
  type ErrorClass,
  type Fetcher,
  type MetadataBearer,
  type OperationContext,
} from "./operation.js";
import { DEFAULT_MAX_ATTEMPTS, RetryQuota } from "./retry.js";
import type { Operation } from "./spec.js";
import { createTransport, type SigningConfig, type Transport } from "./transport.js";
import { uuid } from "./uuid.js";

export interface ClientOptions {
  /**
   * Where the service listens, e.g. "https://omics.us-east-1.amazonaws.com" (operations' @endpoint
   * host prefixes go in front of its host) or "http://127.0.0.1:8080" (with `disableHostPrefix`).
   */
  baseUrl: string;
  /** The region requests are signed for, e.g. "us-east-1" (needed with `credentials`). */
  region?: string;
  /**
   * Signs every request with AWS Signature Version 4. A function is asked once, and again shortly
   * before the `expiration` of the credentials it returned. Without credentials, requests go unsigned.
   */
  credentials?: Credentials | CredentialsProvider;
  /**
   * A fetch that sends every request instead of the default engine (node:http in Node, the global
   * fetch elsewhere): tests, proxies, logging. It receives each request ready to go, signed.
   */
  fetch?: typeof fetch;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /**
   * openapi-fetch middleware for `client.raw` calls (requests are signed after the last one ran), as
   * `client.raw.use(…)` adds it. Method calls and `send` do not run it: wrap `fetch` to see every
   * request. Not taken by the send-only client, which has no `raw`.
   */
  middleware?: Middleware[];
  /**
   * Leaves out the host prefix of operations with `@endpoint(hostPrefix)` (Omics: `control-storage-`),
   * as the AWS SDK's option of the same name does. A local endpoint such as `http://127.0.0.1:8080`
   * needs it: with the prefix, requests would go to `control-storage-127.0.0.1`.
   */
  disableHostPrefix?: boolean;
  /**
   * With `credentials`: signs every message of an input event stream as well as the request
   * (`x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-EVENTS`, a chained `:chunk-signature` per
   * message, a signed end frame), for services that verify events. Off by default, as in the AWS SDKs
   * for HTTP/1.1 services: the request is then signed with UNSIGNED-PAYLOAD and the events go as they are.
   */
  signEventStreams?: boolean;
  /** Sends `@requestCompression` bodies uncompressed (AWS SDK option of the same name). */
  disableRequestCompression?: boolean;
  /** The smallest body compressed for `@requestCompression` (default 10240 bytes, as the AWS SDK). */
  requestMinCompressionSizeBytes?: number;
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

/** The options of the send-only client: all of ClientOptions but openapi-fetch middleware. */
export type SendClientOptions = Omit<ClientOptions, "middleware">;

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

export interface SendClient {
  /** Calls one operation (an operation constant such as `CreateSequenceStore`) with retries. */
  send<Input, Output>(
    operation: Operation<Input, Output>,
    ...input: InputArgument<Input>
  ): Promise<Output & MetadataBearer>;
}

/** The request pipeline of one client: its signed transport, and what every call needs to know. */
export interface ClientCore {
  transport: Transport;
  /** Builds the OperationContext once the fetcher the calls go through exists. */
  context(fetcher: Fetcher): OperationContext;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Checks the options and sets up signing; throws on options no call could go out with. */
export function createClientCore(options: SendClientOptions, service: ServiceDefinition): ClientCore {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be a whole number of at least 1, not ${maxAttempts}`);
  }
  const now = options.now ?? Date.now;
  let clock: SigningClock | undefined;
  let signing: SigningConfig | undefined;
  const { credentials, region } = options;
  if (credentials !== undefined) {
    const { signing: name } = service;
    if (!region) throw new TypeError("region is required to sign requests with credentials");
    clock = signingClock(now);
    // The options' region and signEventStreams, with the service's name, credentials and clock.
    signing = {
      ...options,
      region,
      service: typeof name === "string" ? name : name(),
      credentials: credentialsSource(credentials, now),
      clock,
    };
  }
  const transport = createTransport(options.fetch, signing);
  return {
    transport,
    context: (fetcher) => ({
      // The service's errors and unmodeledError (its `signing` goes unread).
      ...service,
      fetcher,
      idempotencyToken: options.idempotencyToken ?? uuid,
      maxAttempts,
      quota: new RetryQuota(),
      sleep: options.sleep ?? defaultSleep,
      random: options.random ?? Math.random,
      now,
      clock,
      options,
    }),
  };
}

/** `send` over a context. */
export function sendOver(context: OperationContext): SendClient["send"] {
  return <Input, Output>(operation: Operation<Input, Output>, ...[input]: InputArgument<Input>) =>
    callOperation<Output>(context, operation as Operation, input ?? {});
}

/** A client with `send` only: the same calls as every client's `send`, without `raw`. */
export function createSendClient(options: SendClientOptions, service: ServiceDefinition): SendClient {
  if ((options as ClientOptions).middleware?.length) {
    throw new TypeError(
      "the send-only client takes no openapi-fetch middleware: use the base or method client",
    );
  }
  const core = createClientCore(options, service);
  const fetcher = createLightFetcher(options.baseUrl, options.headers, core.transport);
  return { send: sendOver(core.context(fetcher)) };
}
