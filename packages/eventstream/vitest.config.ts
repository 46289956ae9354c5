import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Property tests (hundreds of runs against the AWS SDK) and HTTP suites share a busy machine in CI
    // with every other package's tests: a slow run must not read as a failure.
    testTimeout: 60_000,
  },
});
