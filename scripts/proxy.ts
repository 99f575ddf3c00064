// npm run proxy – the session proxy alone (npm start runs it beside web and worker unless WATCHPOST_PROXY=0).
// Uses DATABASE_URL, or the embedded database of a running `npm start` (<data dir>/runtime.json).
import path from "node:path";
import { EnvError, parseEnv } from "../lib/env";
import { readRuntimeInfo } from "../lib/server/runtime/runtime-file";

const fail = (message: string): never => {
  console.error(`watchpost proxy: ${message}`);
  process.exit(1);
};

const main = async () => {
  let env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    return fail(error instanceof EnvError ? error.message : String(error));
  }
  const dataDir = path.resolve(env.WATCHPOST_DATA_DIR);
  if (!env.DATABASE_URL) {
    const running = readRuntimeInfo(dataDir);
    if (!running) return fail("no database: set DATABASE_URL, or start Watchpost first with `npm start` (embedded Postgres)");
    process.env.DATABASE_URL = running.databaseUrl;
  }
  process.env.WATCHPOST_SERVICE ??= "proxy";
  // Imported after DATABASE_URL is settled: the logger and the database read the environment once.
  const { startSessionProxy } = await import("../lib/proxy/start-proxy");
  const { markProcessStopping } = await import("../lib/server/runtime/process-stopping");
  const { disconnectDb } = await import("../lib/server/db");
  const proxy = await startSessionProxy({
    port: env.WATCHPOST_PROXY_PORT,
    domain: env.WATCHPOST_PROXY_DOMAIN,
    dataDir,
    certFile: env.WATCHPOST_PROXY_CERT,
    keyFile: env.WATCHPOST_PROXY_KEY,
    trustedHops: env.WATCHPOST_PROXY_TRUST_PROXY,
  });
  const trust = proxy.caCertPath ? `; trust ${path.relative(process.cwd(), proxy.caCertPath)} in browsers (README, Session proxy)` : "";
  console.log(`watchpost proxy: https://<site>.atlassian.net.${env.WATCHPOST_PROXY_DOMAIN}:${proxy.port}/${trust}`);
  let isStopping = false;
  const stop = async () => {
    if (isStopping) return;
    isStopping = true;
    markProcessStopping();
    await proxy.close().catch(() => undefined);
    await disconnectDb().catch(() => undefined);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
};

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
