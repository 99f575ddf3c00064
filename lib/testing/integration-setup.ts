import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.LOG_LEVEL = "silent";
process.env.WATCHPOST_SERVICE = "test";
process.env.WATCHPOST_SECRET = "integration-test-secret-0123456789abcdef";
