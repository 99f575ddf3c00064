import type { IncomingMessage, ServerResponse } from "node:http";
import { AUTH_ROUTES } from "./auth-routes";
import { BITBUCKET_ROUTES } from "./bitbucket-routes";
import { siteCatalog } from "./catalog";
import { CONFLUENCE_ROUTES } from "./confluence-routes";
import { siteOrigins, type THostTarget } from "./host";
import { JIRA_ROUTES } from "./jira-routes";
import type { TSiteContext, TSiteRoute } from "./site-context";
import { errorPage, redirect, sendFile, sendJson } from "./site-http";
import { findSite, sessionUser, verifyMediaToken, type TSitesRuntime } from "./site-runtime";

// Order matters: public routes first, the Bitbucket catch-all `/{workspace}/{repo}` last.
const SITE_ROUTES: readonly TSiteRoute[] = [...AUTH_ROUTES, ...CONFLUENCE_ROUTES, ...JIRA_ROUTES, ...BITBUCKET_ROUTES];

const decodeGroups = (groups: readonly (string | undefined)[]): string[] | null => {
  try {
    return groups.map((group) => decodeURIComponent(group ?? ""));
  } catch {
    return null;
  }
};

const matchRoute = (method: string, pathname: string): { route: TSiteRoute; groups: string[] } | { status: 404 | 405 } => {
  let isPathKnown = false;
  for (const route of SITE_ROUTES) {
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const groups = decodeGroups(match.slice(1));
    if (!groups) return { status: 404 };
    if (route.method === method || (route.method === "GET" && method === "HEAD")) return { route, groups };
    isPathKnown = true;
  }
  return { status: isPathKnown ? 405 : 404 };
};

const handleSite = async (runtime: TSitesRuntime, target: Extract<THostTarget, { kind: "site" }>, request: IncomingMessage, response: ServerResponse): Promise<void> => {
  const owner = findSite(runtime.state, target.name);
  if (!owner) return errorPage(response, 404, "Site not found", `There is no Atlassian site at ${target.name}.atlassian.net.`);
  const url = new URL(request.url ?? "/", `http://${target.authority}`);
  const found = matchRoute(request.method ?? "GET", url.pathname);
  if ("status" in found) return errorPage(response, found.status, found.status === 404 ? "Page not found" : "Method not allowed", `${url.pathname} is not served here.`);
  const { route, groups } = found;
  if (route.product && !owner.site.products.includes(route.product)) return errorPage(response, 404, "Page not found", `This site has no ${route.product}.`);
  const session = sessionUser(runtime, owner.org, request.headers.cookie);
  const origins = siteOrigins(target.authority);
  if (route.access === "rest" && !session) return sendJson(response, 401, { message: "Client must be authenticated to access this resource.", "status-code": 401 });
  if (route.access === "page" && !session) return redirect(response, 302, `${origins.baseUrl}/login?continue=${encodeURIComponent(`${url.pathname}${url.search}`)}`);
  const context: TSiteContext = {
    runtime,
    org: owner.org,
    site: owner.site,
    catalog: siteCatalog(owner.site.name),
    origins,
    request,
    response,
    url,
    user: session?.user,
    sessionToken: session?.token,
  };
  await route.handler(context, groups);
};

/** The media host: `/file/{id}/binary?token=…` serves a Jira attachment for a genuine, unexpired token. */
const handleMedia = async (runtime: TSitesRuntime, target: Extract<THostTarget, { kind: "media" }>, request: IncomingMessage, response: ServerResponse): Promise<void> => {
  const url = new URL(request.url ?? "/", `http://${target.authority}`);
  const match = /^\/file\/([0-9a-f-]{36})\/binary$/.exec(url.pathname);
  if (!match || (request.method !== "GET" && request.method !== "HEAD")) return sendJson(response, 404, { error: "not found" });
  const mediaId = match[1] ?? "";
  const site = verifyMediaToken(runtime, url.searchParams.get("token") ?? "", mediaId);
  if (!site) return sendJson(response, 403, { error: "the media token is invalid or has expired" });
  const file = findSite(runtime.state, site) ? siteCatalog(site).files.find((candidate) => candidate.mediaId === mediaId) : undefined;
  if (!file) return sendJson(response, 404, { error: "no such file" });
  await sendFile(request, response, file);
};

/** Serves a request addressed to a site or to the media host (the Admin API is the caller's). */
export const handleSiteRequest = (runtime: TSitesRuntime, target: Exclude<THostTarget, { kind: "api" }>, request: IncomingMessage, response: ServerResponse): void => {
  (target.kind === "site" ? handleSite(runtime, target, request, response) : handleMedia(runtime, target, request, response)).catch((error: unknown) => {
    if (response.headersSent) response.destroy();
    else errorPage(response, 500, "Something went wrong", `simulator bug: ${(error as Error).message}`);
  });
};
