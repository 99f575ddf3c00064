import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * WATCHPOST_SECRET signs sessions (and, later, encrypts stored API keys). In embedded mode an unset
 * secret is generated once into the data folder; with an external DATABASE_URL it must be given,
 * because every web and worker replica needs the same one.
 */
export const resolveSecret = (options: Readonly<{ secret?: string; dataDir: string; isEmbedded: boolean }>): string => {
  if (options.secret) return options.secret;
  if (!options.isEmbedded) throw new Error("WATCHPOST_SECRET is required when DATABASE_URL is set (at least 32 characters; see .env.example)");
  const file = path.join(options.dataDir, "secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(options.dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
};
