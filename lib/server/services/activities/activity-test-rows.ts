import { randomUUID } from "node:crypto";
import { beforeEach } from "vitest";
import { ZActivityListQuery, type TActivityDto } from "../../../shared/schemas/activities";
import { openTestDatabase } from "../../../testing/test-database";
import { listActivities } from "./list-activities";

// Rows of the activity log's integration tests (filters, cursor, detail, export): two connectors per test and
// activities inserted as the sync stores them.
export type TActivityRow = Partial<{
  connector: string;
  time: string;
  action: string;
  product: string;
  actorId: string;
  actorName: string;
  actorEmail: string;
  ip: string | null;
  countryCode: string | null;
  country: string | null;
  city: string | null;
  ipCategory: string | null;
  ipTags: string[];
  isAdmin: boolean;
  isImpersonation: boolean;
  targetName: string | null;
  source: "audit_log" | "session_proxy";
}>;

/** Two connectors (Org A, Org B) before each test, and `insert` for activities of Org A unless a row names another. */
export const activityRows = () => {
  const db = openTestDatabase();
  let eventNo = 0;
  const insertConnector = async (name: string): Promise<string> => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO connectors (id, name, org_id, base_url, api_key_ciphertext, api_key_last4, rate_bucket_key, api_key_expires_at, sync_from, updated_at)
       VALUES ($1, $2, $2, 'http://127.0.0.1:1', 'x', 'abcd', $2, now() + interval '1 year', now(), now())`,
      [id, name],
    );
    return id;
  };

  /** Inserts activities in the order given (seq increases), with search_text built like normalize-event. */
  const insert = async (rows: readonly TActivityRow[]): Promise<string[]> => {
    const ids: string[] = [];
    for (const r of rows) {
      const e = {
        connector: fx.connectorA, time: "2026-11-20T10:00:00.000Z", action: "user_login", product: "jira", actorId: "acc-ada", actorName: "Ada Lovelace",
        actorEmail: "ada@example.com", ip: "203.0.113.5", countryCode: "GB", country: "United Kingdom", city: "London", ipCategory: null, ipTags: [],
        isAdmin: false, isImpersonation: false, targetName: null, source: "audit_log", ...r,
      };
      const searchText = [e.actorName, e.actorEmail, e.actorId, e.action, e.targetName, e.ip, e.city, e.country].filter(Boolean).join(" ").toLowerCase();
      const { rows: inserted } = await db.query<{ seq: string }>(
        `INSERT INTO activities (connector_id, event_id, event_time, action, action_name, product, actor_id, actor_name, actor_email, ip, country, country_code,
           city, ip_category, ip_tags, is_admin_action, is_impersonation, target_name, search_text, raw, source)
         VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9::inet, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) RETURNING seq::text`,
        [e.connector, `evt-${++eventNo}`, e.time, e.action, e.product, e.actorId, e.actorName, e.actorEmail, e.ip, e.country, e.countryCode, e.city,
          e.ipCategory, e.ipTags, e.isAdmin, e.isImpersonation, e.targetName, searchText, JSON.stringify({ id: `evt-${eventNo}`, attributes: { action: e.action } }), e.source],
      );
      ids.push(inserted[0]!.seq);
    }
    return ids;
  };
  const fx = { db, connectorA: "", connectorB: "", insert };
  beforeEach(async () => {
    eventNo = 0;
    fx.connectorA = await insertConnector("Org A");
    fx.connectorB = await insertConnector("Org B");
  });
  return fx;
};

export const listQuery = async (params: Record<string, unknown>) => listActivities({ query: ZActivityListQuery.parse(params) });
export const ids = (data: readonly TActivityDto[]) => data.map((a) => a.id);
