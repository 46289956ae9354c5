import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Several tests load whole corpora or AWS's model: seconds alone, more while `npm test` runs every
    // package's suites at once on a small machine, so the 5 s default fails them spuriously.
    testTimeout: 30_000,
  },
});
