import { randomUUID } from "node:crypto";
import type pg from "pg";

// Session activities as the proxy stores them (source session_proxy, raw with device, userAgent, bytesSent, outcome),
// for the session-policy preview and the activity log's outcome/policy filters.
export type TSessionRow = Partial<{
  time: Date;
  action: string;
  product: string;
  site: string;
  actorId: string;
  email: string | null;
  isSystem: boolean;
  ip: string;
  ipCategory: string | null;
  ipTags: string[];
  countryCode: string | null;
  targetName: string | null;
  managed: boolean;
  issuer: string | null;
  userAgent: string;
  bytesSent: number;
  fileSizeBytes: number;
  outcome: string;
  sessionOutcome: "blocked" | "audited" | null;
  policyIds: string[];
}>;

export const insertConnector = async (db: pg.Client, name = "Acme"): Promise<string> => {
  const id = randomUUID();
  await db.query(
    `INSERT INTO connectors (id, name, org_id, base_url, api_key_ciphertext, api_key_last4, rate_bucket_key, api_key_expires_at, sync_from, updated_at)
     VALUES ($1, $2, $2, 'http://127.0.0.1:1', 'x', 'abcd', $2, now() + interval '1 year', now(), now())`,
    [id, name],
  );
  return id;
};

export const insertVerifiedDomain = (db: pg.Client, connectorId: string, domain: string) =>
  db.query(`INSERT INTO org_domains (id, connector_id, name, status, synced_at) VALUES ($1, $2, $3, 'verified', now())`, [randomUUID(), connectorId, domain]);

/** Inserts session activities in order; returns their ids (seq). */
export const insertSessionRows = async (db: pg.Client, connectorId: string, rows: readonly TSessionRow[]): Promise<string[]> => {
  const ids: string[] = [];
  for (const r of rows) {
    const e = {
      time: new Date(Date.now() - 60_000), action: "proxy_view_page", product: "confluence", site: "acme.atlassian.net", actorId: "acc-ada", email: "ada@acme.test",
      isSystem: false, ip: "203.0.113.5", ipCategory: null, ipTags: [], countryCode: "GB", targetName: "Roadmap", managed: false, issuer: null,
      userAgent: "Mozilla/5.0 Chrome", bytesSent: 2048, outcome: "completed", sessionOutcome: null, policyIds: [], ...r,
    };
    const raw = {
      sessionId: randomUUID(),
      device: { managed: e.managed, subject: e.managed ? "laptop-1" : null, serial: null, ...(e.issuer ? { issuer: e.issuer } : {}) },
      userAgent: e.userAgent,
      method: "GET",
      host: e.site,
      path: "/x",
      status: 200,
      bytesSent: e.bytesSent,
      outcome: e.outcome,
      ...(r.fileSizeBytes !== undefined ? { file: { name: e.targetName, sizeBytes: r.fileSizeBytes } } : {}),
    };
    const { rows: inserted } = await db.query<{ seq: string }>(
      `INSERT INTO activities (connector_id, event_id, event_time, action, action_name, action_group, product, site_name, actor_id, actor_email, is_system, ip,
         ip_category, ip_tags, country_code, target_name, search_text, raw, source, session_outcome, session_policy_ids)
       VALUES ($1, $2, $3, $4, $4, 'session_proxy', $5, $6, $7, $8, $9, $10::inet, $11, $12, $13, $14, $15, $16, 'session_proxy', $17, $18::uuid[]) RETURNING seq::text`,
      [connectorId, `proxy:${randomUUID()}`, e.time, e.action, e.product, e.site, e.isSystem ? "anonymous" : e.actorId, e.email, e.isSystem, e.ip, e.ipCategory, e.ipTags,
        e.countryCode, e.targetName, `${e.email ?? ""} ${e.action}`.toLowerCase(), JSON.stringify(raw), e.sessionOutcome, e.policyIds],
    );
    ids.push(inserted[0]!.seq);
  }
  return ids;
};
