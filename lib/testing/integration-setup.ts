import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.LOG_LEVEL = "silent";
process.env.WATCHPOST_SERVICE = "test";
process.env.WATCHPOST_SECRET = "integration-test-secret-0123456789abcdef";
// Local SMTP and webhook receivers listen on 127.0.0.1: loopback targets need the opt-in (docs/security.md).
// Tests of the refusal set it back to "0" in vi.hoisted, before env.ts is first read.
process.env.WATCHPOST_ALLOW_PRIVATE_TARGETS = "1";
// Local state (the first-run setup code) goes to a folder of its own, never the checkout's .data.
process.env.WATCHPOST_DATA_DIR = mkdtempSync(path.join(tmpdir(), "watchpost-integration-"));
