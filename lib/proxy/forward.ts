// Forwards one request upstream and streams the answer back, rewriting upstream authorities where it can.
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { pipeline, type Transform } from "node:stream";
import zlib from "node:zlib";
import { rewriteSetCookie } from "./cookies";
import type { TOutcome } from "./build-activity";
import type { TProxied, TUpstream } from "./names";
import { sendUpstreamDown } from "./pages";
import { createAuthorityReplacer, isRewritableBody, requestReplacements, responseReplacements, type TAuthorityReplacer } from "./rewrite-authorities";
import { requestUpstream } from "./upstream";

/** Query parameter added to URLs that lead to the shared media host: names the site, stripped before forwarding. */
export const SITE_PARAM = "watchpost_site";

/** Response headers that name the site by URL or origin: rewritten like Location, so CSP and CORS hold on the proxied host. */
const URL_HEADERS = new Set(["location", "content-location", "refresh", "link", "content-security-policy", "content-security-policy-report-only", "access-control-allow-origin"]);

const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "proxy-authorization", "proxy-authenticate", "te", "trailer", "transfer-encoding", "upgrade", "host"]);
const DECODABLE = ["gzip", "deflate", "br"];

/**
 * `upstreamCookies`: the name=value pairs the upstream set (a sign-in's new session cookie, to ask who signed in).
 * `answer`: the upstream's status and headers, when it answered (what a download's file facts come from).
 */
export type TForwardResult = Readonly<{
  status: number;
  bytesSent: number;
  contentType: string | null;
  outcome: TOutcome;
  upstreamCookies: readonly string[];
  answer: Readonly<{ status: number; headers: IncomingHttpHeaders }> | null;
}>;

/** Sends the proxy's own answer instead of the upstream's and returns the bytes sent (a session policy's block). */
export type TReplaceAnswer = (res: ServerResponse) => number;

export type TForwardInput = Readonly<{
  req: IncomingMessage;
  res: ServerResponse;
  upstream: TUpstream;
  proxied: TProxied;
  kind: "site" | "media";
  siteHost: string;
  domain: string;
  /** Path and query to request upstream (the proxy's own parameter already removed). */
  path: string;
  cookie: string | undefined;
  /** Set-Cookie headers of the proxy's own (a new session's cookie). */
  extraCookies: readonly string[];
  /**
   * Asked once the upstream's headers arrive, before anything is sent: a function replaces the answer (the upstream
   * body is dropped unread), null lets it through.
   */
  onAnswer?: (answer: Readonly<{ status: number; headers: IncomingHttpHeaders }>) => TReplaceAnswer | null;
}>;

/** The client's Accept-Encoding, limited to what the proxy can decode when it has to rewrite the body. */
const acceptedEncodings = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter((e) => DECODABLE.includes(e.split(";")[0]?.trim().toLowerCase() ?? ""))
    .join(", ") || undefined;

const decoderFor = (encoding: string): Transform | null =>
  encoding === "gzip" || encoding === "x-gzip" ? zlib.createGunzip() : encoding === "deflate" ? zlib.createInflate() : encoding === "br" ? zlib.createBrotliDecompress() : null;

/** Adds the site parameter to a proxied media URL (a redirect to an attachment), so the media request finds its session. */
const tagMediaUrl = (value: string, proxied: TProxied, siteHost: string): string => {
  if (!value.includes(proxied.mediaAuthority)) return value;
  try {
    const url = new URL(value);
    if (url.host !== proxied.mediaAuthority) return value;
    url.searchParams.set(SITE_PARAM, siteHost);
    return url.toString();
  } catch {
    return value;
  }
};

// One pair of replacers per site and proxy authority: building the pattern costs more than a small page's rewrite.
const replacers = new Map<string, { inbound: TAuthorityReplacer; outbound: TAuthorityReplacer }>();
const replacersOf = (upstream: TUpstream, proxied: TProxied) => {
  const key = `${upstream.protocol}${upstream.siteAuthority} ${proxied.siteAuthority}`;
  let pair = replacers.get(key);
  if (!pair) {
    if (replacers.size > 1_000) replacers.clear();
    pair = { inbound: createAuthorityReplacer(requestReplacements(upstream, proxied)), outbound: createAuthorityReplacer(responseReplacements(upstream, proxied)) };
    replacers.set(key, pair);
  }
  return pair;
};

export const forwardRequest = (input: TForwardInput): Promise<TForwardResult> =>
  new Promise((resolve) => {
    const { req, res, upstream, proxied } = input;
    const { inbound, outbound } = replacersOf(upstream, proxied);
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || HOP_BY_HOP.has(name) || name === "cookie" || name === "accept-encoding") continue;
      headers[name] = name === "origin" || name === "referer" ? inbound.replaceAll(String(value)) : value;
    }
    if (input.cookie) headers.cookie = input.cookie;
    const encodings = acceptedEncodings(req.headers["accept-encoding"]);
    if (encodings) headers["accept-encoding"] = encodings;

    let status = 502;
    let bytesSent = 0;
    let contentType: string | null = null;
    let upstreamCookies: string[] = [];
    let answer: TForwardResult["answer"] = null;
    let hasUpstreamFailed = false;
    let isReplaced = false;
    let isSettled = false;
    const settle = () => {
      if (isSettled) return;
      isSettled = true;
      const outcome: TOutcome = isReplaced ? "blocked" : hasUpstreamFailed ? "upstream_error" : res.writableFinished ? "completed" : "aborted";
      resolve({ status, bytesSent, contentType, outcome, upstreamCookies, answer });
    };
    res.on("close", settle);

    const authority = input.kind === "media" ? upstream.mediaAuthority : upstream.siteAuthority;
    const upstreamRequest = requestUpstream(upstream, { method: req.method ?? "GET", path: input.path, authority, headers });
    upstreamRequest.on("error", () => {
      if (isReplaced) return;
      hasUpstreamFailed = true;
      if (!res.headersSent) sendUpstreamDown(res, proxied.siteAuthority);
      else res.destroy();
    });
    // A client gone mid-upload or mid-download: stop the upstream too (pipeline destroys the response side).
    req.on("error", () => upstreamRequest.destroy());
    res.on("close", () => {
      if (!res.writableFinished) upstreamRequest.destroy();
    });

    upstreamRequest.on("response", (upstreamResponse) => {
      try {
        relay(upstreamResponse);
      } catch {
        // A header Node refuses to send (invalid characters from the upstream): that request fails, not the proxy.
        hasUpstreamFailed = true;
        upstreamResponse.destroy();
        if (!res.headersSent) sendUpstreamDown(res, proxied.siteAuthority);
        else res.destroy();
      }
    });
    const relay = (upstreamResponse: IncomingMessage) => {
      status = upstreamResponse.statusCode ?? 502;
      answer = { status, headers: upstreamResponse.headers };
      const replace = input.onAnswer?.(answer);
      if (replace) {
        // Blocked on what the answer said (a file too large): not one upstream byte reaches the client.
        isReplaced = true;
        upstreamResponse.on("error", () => undefined);
        upstreamResponse.destroy();
        upstreamRequest.destroy();
        bytesSent = replace(res);
        status = res.statusCode;
        contentType = String(res.getHeader("content-type") ?? "") || null;
        return;
      }
      contentType = upstreamResponse.headers["content-type"] ?? null;
      const encoding = (upstreamResponse.headers["content-encoding"] ?? "").trim().toLowerCase();
      const isRewritten = isRewritableBody(
        { contentType: contentType ?? undefined, disposition: upstreamResponse.headers["content-disposition"], encoding },
        status,
      );
      const out: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(upstreamResponse.headers)) {
        if (value === undefined || HOP_BY_HOP.has(name)) continue;
        if (URL_HEADERS.has(name)) out[name] = tagMediaUrl(outbound.replaceAll(String(value)), proxied, input.siteHost);
        else if (name === "set-cookie") {
          upstreamCookies = (value as string[]).map((c) => c.split(";")[0]?.trim() ?? "").filter((c) => c.includes("="));
          out[name] = (value as string[]).map((c) => rewriteSetCookie(c, input.siteHost, input.domain));
        }
        else out[name] = value;
      }
      if (input.extraCookies.length) out["set-cookie"] = [...((out["set-cookie"] as string[] | undefined) ?? []), ...input.extraCookies];
      if (isRewritten) {
        // The body changes length (and is sent decoded): the length, encoding and digests no longer hold.
        delete out["content-length"];
        delete out["content-encoding"];
        delete out["content-md5"];
        delete out["digest"];
      }
      res.writeHead(status, upstreamResponse.statusMessage, out);
      const decoder = isRewritten && encoding && encoding !== "identity" ? decoderFor(encoding) : null;
      const stages: NodeJS.ReadableStream[] = [upstreamResponse];
      if (decoder) stages.push(decoder);
      const last = isRewritten ? outbound.createTransform() : null;
      if (last) stages.push(last);
      (last ?? upstreamResponse).on("data", (chunk: Buffer) => {
        bytesSent += chunk.length;
      });
      upstreamResponse.on("aborted", () => {
        hasUpstreamFailed = true;
      });
      // pipeline keeps backpressure end to end and destroys every stage when one fails or the client goes away.
      (pipeline as (...streams: unknown[]) => void)(...stages, res, (error: Error | null | undefined) => {
        if (error && !res.writableFinished && upstreamResponse.errored) hasUpstreamFailed = true;
        settle();
      });
    };
    // pipe, not pipeline: a failed upstream must not destroy the client's request (its socket still gets the 502).
    req.pipe(upstreamRequest);
  });
