// The hand-written half of a generated client: options, transport and the call pipeline.
import { SigningClock } from "./clock.js";
import { type Credentials, type CredentialsProvider, credentialsSource } from "./credentials.js";
import type { ServiceException, ServiceExceptionOptions } from "./exceptions.js";
import {
  callOperation,
  defaultIdempotencyToken,
  type MetadataBearer,
  type OperationContext,
} from "./operation.js";
import { DEFAULT_MAX_ATTEMPTS, RetryQuota } from "./retry.js";
import type { ErrorSpec, OperationSpec, ShapeTable } from "./spec.js";
import { createTransport } from "./transport.js";

/** How to reach and authenticate with the service (shared by the method client and the raw client). */
export interface ConnectionOptions {
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
  /** The local time in epoch milliseconds (default: Date.now); for tests. */
  now?: () => number;
}

export interface ClientOptions extends ConnectionOptions {
  /** Attempts per call, the first included (default 3; 1 turns retries off). */
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
  shapes: ShapeTable;
  errors: Readonly<Record<string, ErrorSpec>>;
  unmodeledError: (options: ServiceExceptionOptions) => ServiceException;
  /** The SigV4 signing name from the model's `aws.auth#sigv4` trait; undefined when the service has none. */
  signingName?: string;
}

export interface Connection {
  send: (request: Request) => Promise<Response>;
  /** The clock signatures use; undefined when requests go unsigned. */
  clock?: SigningClock;
}

/** The transport for `options`: signing with the service's signing name when credentials are given. */
export function connect(options: ConnectionOptions, signingName: string | undefined): Connection {
  // Looked up per request, so a fetch stubbed after the client was made is still used.
  const baseFetch = () => options.fetch ?? globalThis.fetch;
  if (options.credentials === undefined) return { send: createTransport(baseFetch) };
  if (!signingName) {
    throw new TypeError("credentials were given, but the service's model declares no aws.auth#sigv4 signing");
  }
  if (!options.region) throw new TypeError("region is required to sign requests with credentials");
  const now = options.now ?? Date.now;
  const clock = new SigningClock(now);
  const send = createTransport(baseFetch, {
    region: options.region,
    service: signingName,
    credentials: credentialsSource(options.credentials, now),
    clock,
  });
  return { send, clock };
}

export interface ServiceClient {
  call<Output>(spec: OperationSpec, input: object): Promise<Output & MetadataBearer>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createServiceClient(options: ClientOptions, service: ServiceDefinition): ServiceClient {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be a whole number of at least 1, not ${maxAttempts}`);
  }
  const { send, clock } = connect(options, service.signingName);
  const context: OperationContext = {
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    headers: options.headers ?? {},
    send,
    shapes: service.shapes,
    errors: service.errors,
    unmodeledError: service.unmodeledError,
    idempotencyToken: options.idempotencyToken ?? defaultIdempotencyToken,
    retry: {
      maxAttempts,
      quota: new RetryQuota(),
      sleep: options.sleep ?? defaultSleep,
      random: options.random ?? Math.random,
      now: options.now ?? Date.now,
    },
    ...(clock ? { clock } : {}),
  };
  return {
    call: <Output>(spec: OperationSpec, input: object) => callOperation<Output>(context, spec, input),
  };
}
