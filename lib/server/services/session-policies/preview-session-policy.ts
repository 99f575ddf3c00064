import { actionsOf, evaluateSessionPolicies } from "../../../proxy/session-policies/evaluate";
import type { TActivityCursor } from "../../../shared/schemas/activities";
import type { TSessionPolicyPreviewDto, TSessionPolicyPreviewExample } from "../../../shared/schemas/session-policy-api";
import { SESSION_POLICY_ACTIONS, type TSessionPolicy, type TSessionPolicyPreviewInput } from "../../../shared/schemas/session-policies";
import { loadOrgDirectory } from "../../repositories/directory-repository";
import { scanSessionRequests, type TStoredSessionRequest } from "../../repositories/session-activity-repository";
import { loadDirectoryLookup } from "../detection/load-directory";
import { takeUserSlot } from "../limits/user-slots";
import { explainMatch, factsOfStoredRequest, type TFactContext } from "./request-facts";

const DAY_MS = 86_400_000;
const PAGE = 2_000;
/** Bounded work: a preview reads at most this many session requests, the newest first (the answer says when it stopped). */
export const SESSION_PREVIEW_MAX_ROWS = 100_000;
const MAX_EXAMPLES = 10;
/** Previews of one user running at once, with activity-policy previews' limit. */
const MAX_PREVIEWS_PER_USER = 2;

/** The draft as the evaluator takes a stored policy: enabled, alone, so its own match decides. */
const asPolicy = (input: TSessionPolicyPreviewInput["policy"], now: Date): TSessionPolicy => ({
  ...input,
  id: "00000000-0000-0000-0000-000000000000",
  enabled: true,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});

/** Verified domains per connector, read once per preview. */
const domainCache = () => {
  const known = new Map<string, ReadonlySet<string>>();
  return {
    load: async (rows: readonly TStoredSessionRequest[]) => {
      for (const connectorId of new Set(rows.map((r) => r.connectorId))) {
        if (!known.has(connectorId)) known.set(connectorId, (await loadOrgDirectory(connectorId)).verifiedDomains);
      }
    },
    of: (connectorId: string): ReadonlySet<string> => known.get(connectorId) ?? new Set(),
  };
};

const exampleOf = (row: TStoredSessionRequest, outcome: "blocked" | "audited", why: string): TSessionPolicyPreviewExample => ({
  activityId: row.id,
  time: row.time,
  user: row.isSystem ? { accountId: null, email: null, name: null } : { accountId: row.actorId, email: row.actorEmail, name: row.actorName },
  action: row.action,
  actionName: row.actionName,
  object: row.targetName ?? row.siteName,
  outcome,
  why,
});

/**
 * Runs a session policy (not yet saved) over the session requests of the last `days` days with the proxy's own
 * evaluator, on facts rebuilt from each stored activity (device, person, IP, user agent, file), and says how many it
 * would have blocked or logged, with the newest examples. With `userId`, at most MAX_PREVIEWS_PER_USER at once (429).
 */
export const previewSessionPolicy = async (input: TSessionPolicyPreviewInput, now: Date, userId?: string): Promise<TSessionPolicyPreviewDto> => {
  // Taken before the first await, so that concurrent previews of one user never pass the limit together.
  const release = userId ? takeUserSlot({ kind: "session-preview", userId, max: MAX_PREVIEWS_PER_USER, what: "session policy previews" }) : () => undefined;
  try {
    return await runPreview(input, now);
  } finally {
    release();
  }
};

const runPreview = async (input: TSessionPolicyPreviewInput, now: Date): Promise<TSessionPolicyPreviewDto> => {
  const policy = asPolicy(input.policy, now);
  const domains = domainCache();
  const context: TFactContext = { directory: await loadDirectoryLookup(), verifiedDomainsOf: domains.of };
  const actions = actionsOf(policy) ?? SESSION_POLICY_ACTIONS;
  const from = new Date(now.getTime() - input.days * DAY_MS);
  const result: TSessionPolicyPreviewDto = { days: input.days, activitiesScanned: 0, isCapped: false, matchCount: 0, blockedCount: 0, auditedCount: 0, unknownSizeCount: 0, examples: [] };
  let after: TActivityCursor | null = null;
  while (result.activitiesScanned < SESSION_PREVIEW_MAX_ROWS) {
    const limit = Math.min(PAGE, SESSION_PREVIEW_MAX_ROWS - result.activitiesScanned);
    const rows = await scanSessionRequests({ from, to: now, actions, after, limit });
    result.activitiesScanned += rows.length;
    await domains.load(rows);
    for (const row of rows) {
      const facts = factsOfStoredRequest(row, context);
      if (!facts) continue;
      const decision = evaluateSessionPolicies([policy], facts);
      if (decision.outcome === null) {
        // A size filter cannot decide a request whose size was not recorded: counted, so the answer can say so.
        if (facts.fileSizeBytes === null && evaluateSessionPolicies([policy], { ...facts, fileSizeBytes: undefined }).needsFileSize) result.unknownSizeCount += 1;
        continue;
      }
      result.matchCount += 1;
      if (decision.outcome === "blocked") result.blockedCount += 1;
      else result.auditedCount += 1;
      if (result.examples.length < MAX_EXAMPLES) result.examples.push(exampleOf(row, decision.outcome, explainMatch(policy, facts)));
    }
    const last = rows.at(-1);
    if (!last || rows.length < limit) return result;
    after = { time: last.time, seq: last.seq };
  }
  // Stopped at the cap: say so only when the window holds older requests that were not read.
  result.isCapped = (await scanSessionRequests({ from, to: now, actions, after, limit: 1 })).length > 0;
  return result;
};
