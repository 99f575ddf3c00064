import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { TSimulatorState } from "../state";
import type { TSimOrg, TSimSite, TSimUser } from "../store/sim-org";

export const SESSION_COOKIE = "cloud.session.token";
/** Media tokens are short-lived, as Atlassian's are: a leaked redirect URL stops working soon. */
export const MEDIA_TOKEN_TTL_MS = 5 * 60_000;

/** The sites' in-memory state beside the simulator's: sign-in sessions per org and the media signing key. */
export type TSitesRuntime = {
  state: TSimulatorState;
  /** org id → session token → account id. */
  sessions: Map<string, Map<string, string>>;
  mediaSecret: Buffer;
};

export const createSitesRuntime = (state: TSimulatorState): TSitesRuntime => ({ state, sessions: new Map(), mediaSecret: randomBytes(32) });

/** The org owning site `name`; with two orgs claiming one name, the first registered wins. */
export const findSite = (state: TSimulatorState, name: string): { org: TSimOrg; site: TSimSite } | undefined => {
  for (const org of state.orgs.values()) {
    const site = org.sites.find((candidate) => candidate.name === name);
    if (site) return { org, site };
  }
  return undefined;
};

export const startSession = (runtime: TSitesRuntime, org: TSimOrg, user: TSimUser): string => {
  const token = randomBytes(24).toString("base64url");
  let sessions = runtime.sessions.get(org.id);
  if (!sessions) {
    sessions = new Map();
    runtime.sessions.set(org.id, sessions);
  }
  sessions.set(token, user.accountId);
  return token;
};

/** The value of one cookie in a Cookie header. */
export const readCookie = (header: string | undefined, name: string): string | undefined => {
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
};

/** The signed-in user of a request, if the session exists and the user is still active. */
export const sessionUser = (runtime: TSitesRuntime, org: TSimOrg, cookieHeader: string | undefined): { user: TSimUser; token: string } | undefined => {
  const token = readCookie(cookieHeader, SESSION_COOKIE);
  const accountId = token ? runtime.sessions.get(org.id)?.get(token) : undefined;
  const user = accountId ? org.users.get(accountId) : undefined;
  return token && user?.status === "active" ? { user, token } : undefined;
};

export const endSession = (runtime: TSitesRuntime, org: TSimOrg, token: string): void => void runtime.sessions.get(org.id)?.delete(token);

const signature = (runtime: TSitesRuntime, payload: string): Buffer => createHmac("sha256", runtime.mediaSecret).update(payload).digest();

/** A token for one media file of one site, valid for MEDIA_TOKEN_TTL_MS: `<payload>.<hmac>`, base64url. */
export const signMediaToken = (runtime: TSitesRuntime, site: string, mediaId: string): string => {
  const payload = Buffer.from(JSON.stringify({ s: site, f: mediaId, e: runtime.state.now() + MEDIA_TOKEN_TTL_MS })).toString("base64url");
  return `${payload}.${signature(runtime, payload).toString("base64url")}`;
};

/** The site a media token was issued for, when it is genuine, unexpired and for this file; else null. */
export const verifyMediaToken = (runtime: TSitesRuntime, token: string, mediaId: string): string | null => {
  const [payload, mac, extra] = token.split(".");
  if (!payload || !mac || extra !== undefined) return null;
  const expected = signature(runtime, payload);
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { s?: unknown; f?: unknown; e?: unknown };
    const isValid = typeof claims.s === "string" && claims.f === mediaId && typeof claims.e === "number" && claims.e > runtime.state.now();
    return isValid ? (claims.s as string) : null;
  } catch {
    return null;
  }
};
