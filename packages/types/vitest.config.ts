import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // These tests load and convert whole models; under turbo's parallel test tasks on two CPUs one took
    // over 5 s (vitest's default), though it takes well under one alone.
    testTimeout: 30_000,
  },
});
