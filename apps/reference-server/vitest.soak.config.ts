import { defineConfig } from "vitest/config";

// `npm run soak`: the robustness suite at soak scale (SEQSTORE_SOAK=1 multiplies requests, kills and sockets).
export default defineConfig({
  test: {
    include: ["test/robustness/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // One server process at a time: the figures are about the server, not about test files competing.
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 60_000,
    env: { SEQSTORE_SOAK: "1", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
