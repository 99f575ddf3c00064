// The web process: `npm run web` (npm start runs it for you). Next.js in production mode behind a tiny
// node:http server that pins x-forwarded-for to the socket address (unless WATCHPOST_TRUST_PROXY=1),
// so sign-in throttling and the audit trail see the real client IP, and adds HSTS over https.
import http from "node:http";
import next from "next";
import { EnvError, getEnv } from "../lib/env";

const fail = (message: string): never => {
  console.error(`watchpost web: ${message}`);
  process.exit(1);
};

const main = async () => {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof EnvError) fail(error.message);
    throw error;
  }
  const isHttpsSite = env.WATCHPOST_URL?.startsWith("https://") ?? false;
  const app = next({ dev: false, dir: process.cwd(), port: env.PORT, hostname: "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();

  const server = http.createServer((req, res) => {
    if (!env.WATCHPOST_TRUST_PROXY) {
      req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "unknown";
      delete req.headers["x-forwarded-proto"];
      delete req.headers["x-forwarded-host"];
    }
    if (isHttpsSite || req.headers["x-forwarded-proto"] === "https") {
      res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    void handle(req, res);
  });
  server.on("error", (error: NodeJS.ErrnoException) =>
    fail(error.code === "EADDRINUSE" ? `port ${env.PORT} is already in use; set PORT to a free port` : error.message),
  );
  server.listen(env.PORT, () => console.log(`watchpost web: listening on port ${env.PORT}`));

  const stop = () => server.close(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
};

void main();
