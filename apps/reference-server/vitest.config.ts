import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Builds dist/ for the end-to-end tests, which start bin/seqstore-server.js as a child process.
    globalSetup: ["test/global-setup.ts"],
    // Child processes and real ports take longer than in-process tests.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // The AWS SDK warns once per process that its releases after January 2027 need Node 22; known, and noise here.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
