import { defineConfig } from "vitest/config";

// Integration tests: real PostgreSQL (embedded), run serially with a reset per test.
export default defineConfig({
  test: {
    include: ["lib/**/*.integration.test.ts", "scripts/**/*.integration.test.ts"],
    globalSetup: ["lib/testing/integration-global-setup.ts"],
    setupFiles: ["lib/testing/integration-setup.ts"],
    fileParallelism: false,
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
  resolve: {
    alias: [
      { find: "server-only", replacement: new URL("./lib/testing/server-only-stub.ts", import.meta.url).pathname },
      // Route files import "@/…" (tsconfig paths): the route-contract tests import every app/api route module.
      { find: /^@\//, replacement: new URL("./", import.meta.url).pathname },
    ],
  },
});
