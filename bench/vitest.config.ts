import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The smoke test runs the whole harness (child servers, autocannon, esbuild) for one short round.
    testTimeout: 90_000,
    hookTimeout: 30_000,
  },
});
