// One proxied request: route by host, find the session and device, forward, then count and log it.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import type { Logger } from "../server/logger";
import { buildProxyActivity, isDownloadAction } from "./build-activity";
import type { classifyRequest } from "./classify";
import { clearCookies, parseCookieHeader, proxyCookieName, proxySessionCookie, siteHostsWithProxyCookie, upstreamCookieHeader } from "./cookies";
import { deviceOfSocket, type TDevice } from "./device";
import type { TProxyDirectory } from "./directory";
import { forwardRequest, SITE_PARAM } from "./forward";
import { hostWithoutPort, parseProxiedHost, proxiedAuthorities, upstreamOf } from "./names";
import { sendPage, sendUnknownHost } from "./pages";
import type { TProxyWriter } from "./proxy-writer";
import type { TSessionTracker } from "./session-tracker";
import { fetchAccount } from "./upstream";

/** An anonymous session asks /gateway/api/me at most this often (right away after a sign-in). */
export const IDENTITY_RETRY_MS = 3_000;

export type THandlerContext = Readonly<{ domain: string; port: number; directory: TProxyDirectory; tracker: TSessionTracker; writer: TProxyWriter; logger: Logger; classify: typeof classifyRequest }>;

const clientIp = (req: IncomingMessage) => req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? null;

/** The site a media-host request belongs to: the parameter the proxy added, else the page it came from, else a proxy cookie. */
const siteOfMediaRequest = (url: URL, req: IncomingMessage, ctx: THandlerContext, cookieSites: readonly string[]) => {
  let referrerSite: string | null = null;
  try {
    const referer = req.headers.referer ? new URL(req.headers.referer) : null;
    const target = referer ? parseProxiedHost(referer.host, ctx.domain) : null;
    referrerSite = target?.kind === "site" ? target.siteHost : null;
  } catch {
    referrerSite = null;
  }
  const candidates = [url.searchParams.get(SITE_PARAM), referrerSite, ...cookieSites];
  for (const host of candidates) {
    const site = host ? ctx.directory.siteOf(host) : undefined;
    if (site) return site;
  }
  return undefined;
};

const loggedSockets = new WeakSet<object>();

/** A presented certificate that does not make the device managed is logged once per connection, by subject only. */
const noteDevice = (req: IncomingMessage, device: TDevice, logger: Logger) => {
  if (!device.problem || loggedSockets.has(req.socket)) return;
  loggedSockets.add(req.socket);
  logger.info({ subject: device.subject, serial: device.serial, problem: device.problem }, "client certificate not trusted: device unmanaged");
};

export const handleProxyRequest = async (req: IncomingMessage, res: ServerResponse, ctx: THandlerContext): Promise<void> => {
  const target = parseProxiedHost(req.headers.host, ctx.domain);
  let url: URL;
  try {
    url = new URL(req.url ?? "/", "https://proxy.invalid");
  } catch {
    return sendPage(res, 400, "Bad request", "The request URL cannot be read.");
  }
  const cookies = parseCookieHeader(req.headers.cookie);
  const site =
    target?.kind === "site" ? ctx.directory.siteOf(target.siteHost) : target?.kind === "media" ? siteOfMediaRequest(url, req, ctx, siteHostsWithProxyCookie(cookies)) : undefined;
  if (!target || !site) return sendUnknownHost(res, hostWithoutPort(req.headers.host));

  const device = deviceOfSocket(req.socket as TLSSocket, ctx.directory.revokedSerials());
  noteDevice(req, device, ctx.logger);
  const proxied = proxiedAuthorities(site.host, ctx.domain, ctx.port);
  const upstream = upstreamOf(site.host, site.baseUrl);
  const userAgent = req.headers["user-agent"]?.slice(0, 1000) ?? null;
  const ip = clientIp(req);
  const { session, isNew } = await ctx.tracker.resolve(cookies.find((c) => c.name === proxyCookieName(site.host))?.value, {
    connectorId: site.connectorId,
    siteHost: site.host,
    ip,
    countryCode: null,
    userAgent,
    device,
  });
  if (session.device.isManaged !== device.isManaged || session.device.serial !== device.serial) {
    session.device = device;
    ctx.tracker.touch(session);
  }

  // Ended in the portal: drop the site's cookies and the proxy's, and send the user to sign in again.
  if (session.isEnded) {
    const proxiedHost = proxied.siteAuthority.replace(/:\d+$/, "");
    res.writeHead(303, { location: `https://${proxied.siteAuthority}/login`, "set-cookie": clearCookies(cookies, site.host, proxiedHost, ctx.domain), "cache-control": "no-store" });
    res.end();
    return;
  }

  const cookie = upstreamCookieHeader(cookies);
  if (target.kind === "site" && !session.account && cookie && Date.now() - session.identityCheckedAt >= IDENTITY_RETRY_MS) {
    session.identityCheckedAt = Date.now();
    const account = await fetchAccount(upstream, cookie, userAgent ?? undefined);
    if (account) {
      session.account = account;
      ctx.tracker.touch(session);
    }
  }

  url.searchParams.delete(SITE_PARAM);
  const path = `${url.pathname}${url.search}`;
  const klass = ctx.classify({ method: req.method ?? "GET", hostKind: target.kind, pathname: url.pathname, search: url.searchParams });
  const result = await forwardRequest({
    req,
    res,
    upstream,
    proxied,
    kind: target.kind,
    siteHost: site.host,
    domain: ctx.domain,
    path,
    cookie,
    extraCookies: isNew ? [proxySessionCookie(site.host, session.id, ctx.domain)] : [],
  });

  // A sign-in sets the site's cookie in its answer: ask who signed in with it now, so the sign-in activity names the
  // user; else at the next request.
  if (klass.action === "proxy_sign_in" || (req.method === "POST" && url.pathname === "/login")) {
    session.identityCheckedAt = -Infinity;
    if (target.kind === "site" && result.upstreamCookies.length > 0 && result.status < 400) {
      session.identityCheckedAt = Date.now();
      const account = await fetchAccount(upstream, [cookie, ...result.upstreamCookies].filter(Boolean).join("; "), userAgent ?? undefined);
      if (account) {
        session.account = account;
        ctx.tracker.touch(session);
      }
    }
  }
  ctx.tracker.record(session, { bytesSent: result.bytesSent, isDownload: isDownloadAction(klass.action) && result.status < 400 });
  if (klass.action === "proxy_other") return;
  ctx.writer.push(
    buildProxyActivity(klass, {
      eventId: `proxy:${randomUUID()}`,
      time: new Date(),
      connectorId: site.connectorId,
      siteHost: site.host,
      sessionId: session.id,
      account: session.account,
      device,
      ip,
      userAgent,
      method: req.method ?? "GET",
      host: target.kind === "media" ? "media" : site.host,
      path: url.pathname,
      status: result.status,
      bytesSent: result.bytesSent,
      contentType: result.contentType,
      outcome: result.outcome,
    }),
  );
};
