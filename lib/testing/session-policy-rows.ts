import { randomUUID } from "node:crypto";
import type { TSessionPolicyAlert } from "../shared/schemas/session-policies";

// Rows as the session proxy and the portal write them (issue 22), straight into the database: for the tests of what
// follows them (alerts, notices, the dashboard's Sessions card), with the column and raw field names of the contract.

/** Something that runs one statement: a pg Client or Pool, or a test's querySql. */
type TQuery = (text: string, values: unknown[]) => Promise<unknown>;
const run = (db: { query: TQuery } | TQuery, text: string, values: unknown[]) => (typeof db === "function" ? db(text, values) : db.query(text, values));

/** The one site the seeded policies apply to: no test's proxied traffic goes there. */
export const SEEDED_POLICY_SITE = "seeded-rows.atlassian.net";

export type TPolicyRow = Readonly<{ id?: string; name?: string; action?: "block" | "audit"; alert?: TSessionPolicyAlert | null; notifyUser?: boolean; enabled?: boolean }>;

/** A session policy row (control file download on unmanaged devices, unless said otherwise); returns its id and name. */
export const insertSessionPolicy = async (db: { query: TQuery } | TQuery, row: TPolicyRow = {}) => {
  const id = row.id ?? randomUUID();
  const name = row.name ?? `Block downloads to unmanaged devices ${id.slice(0, 6)}`;
  const action = row.action ?? "block";
  await run(
    db,
    `INSERT INTO session_policies (id, name, enabled, control_type, filters, action, notify_user, alert, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
    [
      id,
      name,
      row.enabled ?? true,
      action === "block" ? "control_download" : "monitor",
      // For a site no proxy test browses: these rows are seeded for what follows a match (alerts, notices, the
      // dashboard), and an e2e server's proxy applies every enabled policy to every request, the proxy specs' too.
      JSON.stringify({ device: "unmanaged", sites: [SEEDED_POLICY_SITE] }),
      JSON.stringify({ kind: action }),
      row.notifyUser ?? false,
      row.alert === undefined ? JSON.stringify({ severity: "high", maxPerDay: 20 }) : row.alert === null ? null : JSON.stringify(row.alert),
    ],
  );
  return { id, name, action };
};

export type TSessionActivityRow = Readonly<{
  connectorId: string;
  policies: readonly { id: string; name: string; action: "block" | "audit" }[];
  outcome?: "blocked" | "audited";
  sessionId?: string | null;
  /** null: anonymous (before sign-in). */
  user?: { accountId: string; email: string; name: string } | null;
  eventTime?: Date;
  fileName?: string;
  sizeBytes?: number;
  action?: string;
  ip?: string;
  managed?: boolean;
}>;

/** A session-proxy activity a session policy matched, as the proxy writes it; returns its event id. */
export const insertSessionActivity = async (db: { query: TQuery } | TQuery, row: TSessionActivityRow): Promise<string> => {
  const eventId = `proxy:${randomUUID()}`;
  const outcome = row.outcome ?? "blocked";
  const fileName = row.fileName ?? "threat-model.pdf";
  const blocking = outcome === "blocked" ? (row.policies.find((p) => p.action === "block") ?? null) : null;
  const raw = {
    sessionId: row.sessionId ?? null,
    device: { managed: row.managed ?? false, subject: row.managed ? "CN=Managed laptop" : null, serial: row.managed ? "0A1B2C" : null },
    userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chromium/140",
    method: "GET",
    host: "acme.atlassian.net",
    path: `/wiki/download/attachments/65601/${fileName}`,
    status: 200,
    bytesSent: outcome === "blocked" ? 96 : (row.sizeBytes ?? 1_200_000),
    contentType: outcome === "blocked" ? "text/plain; charset=utf-8" : "application/pdf",
    outcome: outcome === "blocked" ? "blocked" : "completed",
    policies: row.policies,
    blockedBy: blocking?.id ?? null,
    file: { name: fileName, sizeBytes: row.sizeBytes ?? 1_200_000, contentType: "application/pdf" },
  };
  const user = row.user === undefined ? { accountId: "acc-ann", email: "ann@acme.test", name: "Ann Analyst" } : row.user;
  await run(
    db,
    `INSERT INTO activities (connector_id, event_id, event_time, processed_at, source, action, action_group, product, site_name, actor_id, actor_name,
       actor_email, is_system, targets, target_name, ip, country, country_code, city, message, search_text, raw, session_outcome, session_policy_ids)
     VALUES ($1, $2, $3, $3, 'session_proxy', $4, 'session_proxy', 'confluence', 'acme.atlassian.net', $5, $6, $7, $8, $9, $10, $11::inet,
       'United Kingdom', 'GB', 'London', $12, $13, $14, $15, $16::uuid[])`,
    [
      row.connectorId,
      eventId,
      (row.eventTime ?? new Date()).toISOString(),
      row.action ?? "proxy_download_attachment",
      user?.accountId ?? "anonymous",
      user?.name ?? null,
      user?.email ?? null,
      user === null,
      JSON.stringify([{ type: "file", id: null, name: fileName }]),
      fileName,
      row.ip ?? "81.2.69.142",
      `Downloaded ${fileName} from Confluence on an unmanaged device`,
      `${fileName} ${user?.email ?? "anonymous"}`.toLowerCase(),
      JSON.stringify(raw),
      outcome,
      row.policies.map((p) => p.id),
    ],
  );
  return eventId;
};
