import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Most tests build an app, which compiles the OpenAPI document's validators: under a second alone,
    // nearly two seconds while CI runs every suite at once, too close to vitest's 5 s default.
    testTimeout: 20_000,
  },
});
