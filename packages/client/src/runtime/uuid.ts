// Random UUIDs (idempotency tokens, invocation IDs), looked up per call so a stubbed crypto is used.
export const uuid = (): string => globalThis.crypto.randomUUID();
