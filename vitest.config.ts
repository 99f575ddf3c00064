import { defineConfig } from "vitest/config";

// Unit tests: pure logic and in-process HTTP (simulator); no database.
export default defineConfig({
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts"],
    exclude: ["**/*.integration.test.ts", "node_modules/**"],
    environment: "node",
    testTimeout: 20_000,
    // Webhook and SMTP tests use receivers on 127.0.0.1: loopback targets need the opt-in (docs/security.md).
    env: { WATCHPOST_ALLOW_PRIVATE_TARGETS: "1" },
  },
  resolve: {
    alias: [
      { find: "server-only", replacement: new URL("./lib/testing/server-only-stub.ts", import.meta.url).pathname },
      // Route files import "@/…" (tsconfig paths): the route-contract tests import every app/api route module.
      { find: /^@\//, replacement: new URL("./", import.meta.url).pathname },
    ],
  },
});
