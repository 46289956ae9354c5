import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // npm pack, two npm installs (from the local npm cache) and five tsc runs.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
