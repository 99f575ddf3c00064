import { SITE_NAME_PATTERN } from "../org-definition";

export const SITE_SUFFIX = ".atlassian.net";
export const MEDIA_HOST = "api.media.atlassian.com";
const LOCAL_SUFFIX = ".localhost";

/** What a request's Host header addresses: a site, the media host, or (anything else) the Admin API. */
export type THostTarget = { kind: "site"; name: string; authority: string } | { kind: "media"; authority: string } | { kind: "api" };

/** `acme.atlassian.net.localhost:5100` → hostname `acme.atlassian.net.localhost`, port "5100". */
export const splitAuthority = (authority: string): { hostname: string; port: string | undefined } => {
  const match = /^(.*?)(?::(\d+))?$/.exec(authority.trim().toLowerCase());
  return { hostname: match?.[1] ?? "", port: match?.[2] };
};

/**
 * Dispatch by Host (port ignored): `<name>.atlassian.net[.localhost]` is a site (known or not: unknown names
 * get the 404 page), `api.media.atlassian.com[.localhost]` the media host, anything else the Admin API.
 */
export const resolveHost = (hostHeader: string | undefined): THostTarget => {
  if (!hostHeader) return { kind: "api" };
  const authority = hostHeader.trim().toLowerCase();
  const { hostname } = splitAuthority(authority);
  const bare = hostname.endsWith(LOCAL_SUFFIX) ? hostname.slice(0, -LOCAL_SUFFIX.length) : hostname;
  if (bare === MEDIA_HOST) return { kind: "media", authority };
  if (bare.endsWith(SITE_SUFFIX)) {
    const name = bare.slice(0, -SITE_SUFFIX.length);
    if (SITE_NAME_PATTERN.test(name)) return { kind: "site", name, authority };
  }
  return { kind: "api" };
};

/** The origins a site page uses: its own (from its Host, scheme http) and the media host's. */
export type TSiteOrigins = { baseUrl: string; mediaBaseUrl: string; hostname: string };

/**
 * The media host a site points at: `api.media.atlassian.com.localhost:<same port>` when the site is reached
 * under `.localhost`, else `api.media.atlassian.com` (with the request's port, if it named one).
 */
export const siteOrigins = (authority: string): TSiteOrigins => {
  const { hostname, port } = splitAuthority(authority);
  const suffix = port ? `:${port}` : "";
  const media = hostname.endsWith(LOCAL_SUFFIX) ? `${MEDIA_HOST}${LOCAL_SUFFIX}` : MEDIA_HOST;
  return { baseUrl: `http://${hostname}${suffix}`, mediaBaseUrl: `http://${media}${suffix}`, hostname };
};
