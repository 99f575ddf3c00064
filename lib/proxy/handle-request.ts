// One proxied request: route by host, find the session and device, apply session policies, forward, then count and log it.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import type { Logger } from "../server/logger";
import { clientIpBehindProxies } from "../server/runtime/forwarded-for";
import { buildProxyActivity, isDownloadAction } from "./build-activity";
import type { classifyRequest } from "./classify";
import { clearCookies, parseCookieHeader, proxyCookieName, proxySessionCookie, siteHostsWithProxyCookie, upstreamCookieHeader } from "./cookies";
import { deviceOfSocket, type TDevice } from "./device";
import type { TProxyDirectory } from "./directory";
import { forwardRequest, SITE_PARAM, type TForwardResult } from "./forward";
import { hostWithoutPort, parseProxiedHost, proxiedAuthorities, upstreamOf } from "./names";
import { sendPage, sendUnknownHost } from "./pages";
import type { TProxyWriter } from "./proxy-writer";
import { NOTICE_PATH_PREFIX, sendBlocked, sendNotice, type TNoticeStore } from "./session-policies/block-response";
import { evaluateRequest, evaluateWithAnswer, fileOfAnswer, needsAnswer, NO_DECISION, requestFacts, type TPolicySources } from "./session-policies/enforce";
import type { TSessionPolicy } from "../shared/schemas/session-policies";
import type { TProxySession, TSessionTracker } from "./session-tracker";
import { fetchAccount } from "./upstream";

/** An anonymous session asks /gateway/api/me at most this often (right away after a sign-in). */
export const IDENTITY_RETRY_MS = 3_000;

export type THandlerContext = Readonly<{
  domain: string;
  port: number;
  directory: TProxyDirectory;
  tracker: TSessionTracker;
  writer: TProxyWriter;
  logger: Logger;
  classify: typeof classifyRequest;
  /** WATCHPOST_PROXY_TRUST_PROXY: hops of X-Forwarded-For to trust (0: the socket's address is the client). */
  trustedHops: number;
  notices: TNoticeStore;
}> &
  TPolicySources;

/** The client's IP: the socket's peer, or with trusted hops the X-Forwarded-For value that many from the right. */
const clientIp = (req: IncomingMessage, trustedHops: number) => {
  const ip = clientIpBehindProxies({ forwardedFor: req.headers["x-forwarded-for"], socketAddress: req.socket.remoteAddress, trustedHops });
  return ip === "unknown" ? null : ip.replace(/^::ffff:/, "").slice(0, 45);
};

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

/** How long a request judged by session policies waits for its session's sign-in to say who signed in. */
const IDENTITY_WAIT_MS = 3_000;

/** A session's sign-in or /gateway/api/me call in progress, which a request to be judged by session policies waits for. */
const identityInFlight = new WeakMap<TProxySession, Promise<unknown>>();
/** Registers work that may tell who the session is; the returned function ends it. */
const startIdentityWork = (session: TProxySession): (() => void) => {
  let end = () => undefined as void;
  const work = new Promise<void>((resolve) => (end = resolve));
  identityInFlight.set(session, work);
  return () => {
    end();
    if (identityInFlight.get(session) === work) identityInFlight.delete(session);
  };
};
const learnIdentity = async <T>(session: TProxySession, lookup: Promise<T>): Promise<T> => {
  const done = startIdentityWork(session);
  try {
    return await lookup;
  } finally {
    done();
  }
};

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
  // The notice a block page downloads (one-time URL): the proxy's own, never forwarded.
  if (target.kind === "site" && url.pathname.startsWith(NOTICE_PATH_PREFIX)) {
    const notice = ctx.notices.take(url.pathname);
    if (!notice) return sendPage(res, 404, "Notice expired", "This download notice was already delivered or has expired.");
    sendNotice(res, notice);
    return;
  }

  const device = deviceOfSocket(req.socket as TLSSocket, ctx.directory.revokedSerials());
  noteDevice(req, device, ctx.logger);
  const proxied = proxiedAuthorities(site.host, ctx.domain, ctx.port);
  const upstream = upstreamOf(site.host, site.baseUrl);
  const userAgent = req.headers["user-agent"]?.slice(0, 1000) ?? null;
  const ip = clientIp(req, ctx.trustedHops);
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
    const account = await learnIdentity(session, fetchAccount(upstream, cookie, userAgent ?? undefined));
    if (account) {
      session.account = account;
      ctx.tracker.touch(session);
    }
  }

  url.searchParams.delete(SITE_PARAM);
  const path = `${url.pathname}${url.search}`;
  const klass = ctx.classify({ method: req.method ?? "GET", hostKind: target.kind, pathname: url.pathname, search: url.searchParams });
  // Session policies: on the request; when a match depends on the file, again on the answer's headers.
  const policies = ctx.directory.policies();
  const isEvaluated = policies.length > 0 && klass.action !== "proxy_other";
  if (isEvaluated) {
    await ctx.people.ready(site.connectorId);
    // The browser follows a sign-in's redirect while the proxy still asks who signed in: judge it as that person.
    const pending = session.account ? undefined : identityInFlight.get(session);
    if (pending) await Promise.race([pending, new Promise((resolve) => setTimeout(resolve, IDENTITY_WAIT_MS).unref())]);
  }
  const facts =
    isEvaluated
      ? requestFacts({ klass, siteHost: site.host, connectorId: site.connectorId, account: session.account, device, ip, userAgent }, ctx)
      : null;
  let decision = facts ? evaluateRequest(policies, facts) : NO_DECISION;
  const isDownload = isDownloadAction(klass.action);
  const block = (policy: TSessionPolicy, fileName: string | null) => (out: typeof res) =>
    sendBlocked({ req, res: out, policy, orgName: site.connectorName, isDownload, fileName, notices: ctx.notices });
  const extraCookies = isNew ? [proxySessionCookie(site.host, session.id, ctx.domain)] : [];
  // Registered before the answer goes out: the browser follows a sign-in's redirect before the proxy has asked who
  // signed in, and that next request must be judged as that person.
  const isSignIn = klass.action === "proxy_sign_in" || (req.method === "POST" && url.pathname === "/login");
  const endSignIn = isSignIn && target.kind === "site" ? startIdentityWork(session) : () => undefined;
  let result: TForwardResult;
  try {
    if (decision.blockedBy) {
      // Never forwarded: the site does not see the request at all.
      req.resume();
      if (extraCookies.length) res.setHeader("set-cookie", extraCookies);
      const bytesSent = block(decision.blockedBy, klass.fileName ?? klass.objectName ?? null)(res);
      result = { status: res.statusCode, bytesSent, contentType: String(res.getHeader("content-type") ?? "") || null, outcome: "blocked", upstreamCookies: [], answer: null };
    } else {
      const onAnswer =
        facts && needsAnswer(decision, facts, policies)
          ? (answer: NonNullable<TForwardResult["answer"]>) => {
              const file = fileOfAnswer(klass, answer.status, answer.headers);
              decision = evaluateWithAnswer(policies, facts, file);
              return decision.blockedBy ? block(decision.blockedBy, file.name ?? klass.objectName ?? null) : null;
            }
          : undefined;
      result = await forwardRequest({ req, res, upstream, proxied, kind: target.kind, siteHost: site.host, domain: ctx.domain, path, cookie, extraCookies, onAnswer });
    }

    // A sign-in sets the site's cookie in its answer: ask who signed in with it now, so the sign-in activity names the
    // user; else at the next request.
    if (isSignIn) {
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
  } finally {
    endSignIn();
  }
  ctx.tracker.record(session, { bytesSent: result.bytesSent, isDownload: isDownload && result.status < 400 && result.outcome !== "blocked" });
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
      decision,
      file: isDownload || klass.fileName ? fileOfAnswer(klass, result.answer?.status ?? 0, result.answer?.headers ?? null) : null,
    }),
  );
};
