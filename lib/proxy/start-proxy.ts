// The session proxy server (issue 21 section 2; docs/session-proxy.md, "The proxy").
import https from "node:https";
import type { AddressInfo } from "node:net";
import { logger as rootLogger } from "../server/logger";
import { classifyRequest } from "./classify";
import { startProxyDirectory } from "./directory";
import { handleProxyRequest } from "./handle-request";
import { sendPage } from "./pages";
import { createProxyWriter } from "./proxy-writer";
import { createNoticeStore } from "./session-policies/block-response";
import { startIpFacts } from "./session-policies/ip-facts";
import { startPeopleDirectory } from "./session-policies/people";
import { createSessionTracker } from "./session-tracker";
import { loadServerTls } from "./tls-material";

export type TSessionProxyOptions = Readonly<{
  /** 0 picks a free port. Default 4443. */
  port?: number;
  host?: string;
  /** Default proxy.localhost. */
  domain?: string;
  dataDir: string;
  certFile?: string;
  keyFile?: string;
  /**
   * The port proxied authorities carry (what browsers connect to); default the listening port. Differs behind a
   * load balancer or port mapping (443 outside, 4443 inside).
   */
  publicPort?: number;
  /** The classification table; default lib/proxy/classify.ts (tests of the proxy's plumbing pass their own). */
  classify?: typeof classifyRequest;
  /** Hops of X-Forwarded-For to trust for the client IP (WATCHPOST_PROXY_TRUST_PROXY); default 0, the socket's address. */
  trustedHops?: number;
}>;

export type TRunningSessionProxy = Readonly<{ port: number; caCertPath: string | null; close: () => Promise<void> }>;

/** Starts the proxy: TLS identity, database-backed directory and write loop, then the HTTPS server. */
export const startSessionProxy = async (options: TSessionProxyOptions): Promise<TRunningSessionProxy> => {
  const logger = rootLogger.child({ component: "session-proxy" });
  const domain = (options.domain ?? "proxy.localhost").toLowerCase();
  const tls = loadServerTls({ dataDir: options.dataDir, domain, certFile: options.certFile, keyFile: options.keyFile });
  // Asks every client for a certificate and serves those without one (unmanaged devices) all the same.
  // `ca: []`, never unset: without it OpenSSL would trust the public roots, and any public client certificate would pass.
  const server = https.createServer({ cert: tls.cert, key: tls.key, ca: [], requestCert: true, rejectUnauthorized: false });
  const directory = await startProxyDirectory({
    logger,
    // New connections use the new CA set; requests on open connections keep the verdict of their handshake,
    // and revocation (checked per request by serial) does not wait for them.
    onCasChanged: (pems) => server.setSecureContext({ cert: tls.cert, key: tls.key, ca: [...pems] }),
  });
  const people = await startPeopleDirectory({ logger, connectorIds: () => directory.connectorIds() });
  // GeoIP (45 MB) only once a policy filters on countries; the writer opens it anyway for the first activities.
  const ipFacts = await startIpFacts({ logger, needsGeoIp: () => directory.policies().some((p) => Boolean(p.filters.countries?.length)) });
  const tracker = createSessionTracker(logger);
  const writer = createProxyWriter({ logger, tracker });
  const context = {
    domain,
    port: options.publicPort ?? 0,
    directory,
    tracker,
    writer,
    logger,
    classify: options.classify ?? classifyRequest,
    trustedHops: options.trustedHops ?? 0,
    notices: createNoticeStore(),
    people,
    ipFacts,
  };
  server.on("request", (req, res) => {
    handleProxyRequest(req, res, context).catch((error: unknown) => {
      logger.error({ err: { message: (error as Error).message, stack: (error as Error).stack } }, "proxy request failed");
      if (!res.headersSent) sendPage(res, 500, "Proxy error", "The proxy could not handle this request.");
      else res.destroy();
    });
  });
  // Garbage on the socket or a failed handshake (a certificate OpenSSL cannot parse): that connection only.
  server.on("tlsClientError", (error, socket) => {
    logger.info({ err: { message: error.message, code: (error as Error & { code?: string }).code } }, "TLS handshake failed");
    socket.destroy();
  });
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 4443, options.host ?? "0.0.0.0", () => resolve());
  });
  // After listening, a server error (EMFILE under a flood) is logged; the sockets that caused it are gone.
  server.on("error", (error) => logger.error({ err: { message: error.message } }, "session proxy server error"));
  const port = (server.address() as AddressInfo).port;
  Object.assign(context, { port: options.publicPort ?? port });
  logger.info({ port, domain }, "session proxy listening");
  return {
    port,
    caCertPath: tls.caCertPath,
    close: async () => {
      directory.close();
      people.close();
      ipFacts.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await writer.close();
    },
  };
};
