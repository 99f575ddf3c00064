import { EnvError, parseEnv } from "../../env";

/**
 * Why this process must not start, or null: an invalid environment (a weak WATCHPOST_SECRET among them) or
 * no WATCHPOST_SECRET at all. Sessions are signed with it and stored API keys encrypted with it, so a web
 * or worker started without it would fail later, on a user's request. `npm start` generates one.
 */
export const startupSecretProblem = (raw: Record<string, string | undefined>): string | null => {
  try {
    if (parseEnv(raw).WATCHPOST_SECRET) return null;
  } catch (error) {
    if (error instanceof EnvError) return error.message;
    throw error;
  }
  return "WATCHPOST_SECRET is not set: give the same 32 random bytes to web and worker, e.g. WATCHPOST_SECRET=$(openssl rand -base64 32)";
};

/** Exits with one line on stderr when the secret is missing or weak (`npm run web`, `npm run worker`). */
export const refuseStartWithoutSecret = (service: "web" | "worker"): void => {
  const problem = startupSecretProblem(process.env);
  if (!problem) return;
  process.stderr.write(`watchpost ${service}: ${problem}\n`);
  process.exit(1);
};
