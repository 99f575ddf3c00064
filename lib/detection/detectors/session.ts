import { BASELINE_MS, SESSION_GAP_MS, type TSession, type TUserState } from "../profile-state";

/** Accounts of the session the user had not impersonated in the 30 days before it began. */
export const newImpersonationVictims = (user: TUserState, s: TSession): string[] =>
  s.impVictims.filter((v) => (user.impVictims[v] ?? 0) <= s.start - BASELINE_MS);

const newSession = (t: number): TSession => ({
  start: t,
  last: t,
  fails: 0,
  failSeqs: [],
  failIps: [],
  admin: 0,
  adminSeqs: [],
  adminKinds: [],
  imp: 0,
  impSeqs: [],
  impVictims: [],
});

/** Moves a closed session's counts into the baselines (only sessions that had any). */
export const closeSession = (user: TUserState): void => {
  const s = user.session;
  if (!s) return;
  if (s.fails > 0) user.failHist.push([s.last, s.fails]);
  if (s.admin > 0) user.adminHist.push([s.last, s.admin]);
  if (s.imp > 0) {
    // A first impersonation session meets only new accounts by construction: it is no rate of new accounts to learn from.
    if (user.impHist.some(([end]) => end > s.start - BASELINE_MS)) (user.impNewHist ??= []).push([s.last, newImpersonationVictims(user, s).length]);
    user.impHist.push([s.last, s.imp]);
  }
  for (const kind of s.adminKinds) user.adminKinds[kind] = Math.max(user.adminKinds[kind] ?? 0, s.last);
  for (const victim of s.impVictims) user.impVictims[victim] = Math.max(user.impVictims[victim] ?? 0, s.last);
  user.session = undefined;
};

/** The user's session this activity belongs to: a gap of more than 30 minutes starts a new one. */
export const sessionFor = (user: TUserState, t: number): TSession => {
  if (user.session && t - user.session.last > SESSION_GAP_MS) closeSession(user);
  user.session ??= newSession(t);
  const session = user.session;
  session.last = Math.max(session.last, t);
  session.start = Math.min(session.start, t);
  return session;
};
