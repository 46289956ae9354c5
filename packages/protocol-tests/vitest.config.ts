import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Generating the RestJson packages on a cold cache takes a while on a busy machine.
    hookTimeout: 300_000,
    testTimeout: 30_000,
  },
});
