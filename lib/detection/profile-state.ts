/**
 * Per-user detection state (detection_profiles.state), JSON as stored. Every time is an event time in epoch
 * ms, so replaying the same activities from the same state gives the same state and alerts: a backfill of
 * 30 days builds what live data would have built.
 */
export const STATE_VERSION = 1;
export const DAY_MS = 86_400_000;
export const BASELINE_MS = 30 * DAY_MS;
export const LEARNING_MS = 7 * DAY_MS;
export const SESSION_GAP_MS = 30 * 60_000;
/** Activity seqs kept per open session and counter (the alert links every activity as it comes). */
export const MAX_SESSION_SEQS = 500;
const MAX_HISTORY = 1_000;

/** One session: activities of a user with no inactivity gap above 30 minutes. */
export type TSession = {
  start: number;
  last: number;
  fails: number;
  /** Event time of the session's first failed login. */
  failStart?: number;
  failSeqs: string[];
  failIps: string[];
  /** Failed-login alert of this session: the threshold it crossed. */
  failAlert?: { threshold: number; usual: number; sessions: number; success?: string };
  admin: number;
  adminSeqs: string[];
  adminKinds: string[];
  adminAlert?: { reason: string };
  imp: number;
  impSeqs: string[];
  impVictims: string[];
  impAlert?: { reason: string };
};

export type TLocation = { t: number; seq: string; cc: string; lat: number; lon: number; city: string | null; ip: string | null; cat: string | null };

/** An alert episode that later activities may continue. */
export type TOpenEpisode = { key: string; first: number; last: number; n: number; ips: string[]; tags: string[]; cc?: string; from?: string };

export type TUserState = {
  v: number;
  first: number;
  last: number;
  loc?: TLocation;
  /** Country → [last seen, distinct days seen]; dropped when unused for 30 days. */
  countries: Record<string, [number, number]>;
  session?: TSession;
  /** [session end, count] of closed sessions with at least one failed login / admin action / impersonation. */
  failHist: [number, number][];
  adminHist: [number, number][];
  impHist: [number, number][];
  /**
   * [session end, accounts new to the user (not impersonated in the 30 days before the session)] of closed sessions with
   * impersonation: each user's own rate of new targets is their baseline (a support lead meets new accounts daily).
   * Optional: states stored before it start with none.
   */
  impNewHist?: [number, number][];
  /** Admin action kind / impersonated account → last seen. */
  adminKinds: Record<string, number>;
  impVictims: Record<string, number>;
  /** Open episodes by policy key (travel, country, risky IPs). */
  episodes: Record<string, TOpenEpisode>;
  /** Event time of the last pruning (pruning runs at most once per day of a user's activity). */
  prunedAt?: number;
};

/** Organization-wide state of one connector (stored under the reserved actor id ORG_ACTOR). */
export type TOrgState = {
  v: number;
  first: number;
  /** Country → [last seen, up to 20 actor ids seen there]. */
  countries: Record<string, [number, string[]]>;
  /** Tagged IP → [last seen, up to 5 actor ids]: IPs many users share are mis-tagged (low sensitivity). */
  riskyIps: Record<string, [number, string[]]>;
  /** Custom repeated-trigger windows by policy id. */
  custom: Record<string, Record<string, { t: number[]; s: string[]; ep?: { key: string; start: number; last: number; n: number } }>>;
};

/** Never an Atlassian account id (they have no asterisks). */
export const ORG_ACTOR = "*org*";

export const newUserState = (t: number): TUserState => ({
  v: STATE_VERSION,
  first: t,
  last: t,
  countries: {},
  failHist: [],
  adminHist: [],
  impHist: [],
  adminKinds: {},
  impVictims: {},
  episodes: {},
});

export const newOrgState = (t: number): TOrgState => ({ v: STATE_VERSION, first: t, countries: {}, riskyIps: {}, custom: {} });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

/** A stored state of this version, else a fresh one (a newer layout starts learning again). */
export const readUserState = (value: unknown, t: number): TUserState =>
  isObject(value) && value.v === STATE_VERSION ? (value as TUserState) : newUserState(t);

export const readOrgState = (value: unknown, t: number): TOrgState => (isObject(value) && value.v === STATE_VERSION ? (value as TOrgState) : newOrgState(t));

const pruneHistory = (hist: [number, number][], since: number): [number, number][] => hist.filter(([end]) => end > since).slice(-MAX_HISTORY);

const pruneRecord = <V>(record: Record<string, V>, lastOf: (v: V) => number, since: number): Record<string, V> =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => lastOf(v) > since));

/**
 * Drops what left the 30-day baseline (relative to the user's newest activity) and episodes that ended, at
 * most once per day of activity: readers filter by time anyway, pruning only bounds the stored size.
 */
export const pruneUserState = (s: TUserState): TUserState => {
  if (s.prunedAt !== undefined && s.last - s.prunedAt < DAY_MS) return s;
  const since = s.last - BASELINE_MS;
  return {
    ...s,
    prunedAt: s.last,
    countries: pruneRecord(s.countries, (v) => v[0], since),
    failHist: pruneHistory(s.failHist, since),
    adminHist: pruneHistory(s.adminHist, since),
    impHist: pruneHistory(s.impHist, since),
    impNewHist: pruneHistory(s.impNewHist ?? [], since),
    adminKinds: pruneRecord(s.adminKinds, (v) => v, since),
    impVictims: pruneRecord(s.impVictims, (v) => v, since),
    episodes: pruneRecord(s.episodes, (e) => e.last, s.last - DAY_MS),
  };
};

export const pruneOrgState = (s: TOrgState, now: number): TOrgState => ({
  ...s,
  countries: pruneRecord(s.countries, (v) => v[0], now - BASELINE_MS),
  riskyIps: pruneRecord(s.riskyIps, (v) => v[0], now - BASELINE_MS),
});

/** Count, mean, standard deviation and maximum of per-session counts in the 30 days before `t`. */
export const baselineOf = (hist: readonly [number, number][], t: number) => {
  const values = hist.filter(([end]) => end > t - BASELINE_MS && end <= t).map(([, n]) => n);
  const n = values.length;
  if (n === 0) return { sessions: 0, mean: 0, sd: 0, max: 0, p95: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  const sorted = [...values].sort((a, b) => a - b);
  const p95 = sorted[Math.min(n - 1, Math.ceil(0.95 * n) - 1)] ?? 0;
  return { sessions: n, mean, sd, max: sorted[n - 1] ?? 0, p95 };
};
