import { z } from "zod";
import { CONNECTOR_STATUSES, ZCreateConnectorInput, ZRotateKeyInput, ZUpdateConnectorInput } from "../../schemas/connectors";
import { ZQuarantinePage, ZQuarantineQuery } from "../../schemas/quarantine";
import type { TEndpointSpec } from "../endpoint";

// TConnectorDto is a plain type; this schema mirrors it for the document (keep in step with connectors.ts).
const ZConnectorDto = z.object({
  id: z.string(),
  name: z.string(),
  app: z.literal("atlassian"),
  orgId: z.string(),
  baseUrl: z.string(),
  status: z.enum(CONNECTOR_STATUSES),
  statusDetail: z.string().nullable(),
  nextRetryAt: z.string().nullable(),
  createdAt: z.string(),
  lastSyncAt: z.string().nullable(),
  lastProcessedAt: z.string().nullable(),
  initialSyncDoneAt: z.string().nullable(),
  backfillDays: z.number().int(),
  syncFrom: z.string(),
  apiKeyLast4: z.string(),
  apiKeyExpiresAt: z.string(),
  apiKeySetAt: z.string(),
  missingScopes: z.array(z.string()),
  scopesCheckedAt: z.string().nullable(),
  stats: z.object({
    activitiesStored: z.number(),
    activitiesLast24h: z.number(),
    droppedUnverifiedDomain: z.number(),
    duplicatesSkipped: z.number(),
    requestsLastMinute: z.number(),
    rateLimitedResponses: z.number(),
    eventsQuarantined: z.number(),
    usersSynced: z.number(),
    lagSeconds: z.number().nullable(),
  }),
  rateBudgets: z.array(
    z.object({
      family: z.string(),
      perMinute: z.number(),
      source: z.enum(["server", "lowered", "default"]),
      remaining: z.number().nullable(),
      resetAt: z.string().nullable(),
      requestsLastMinute: z.number(),
    }),
  ),
});

const ZHistoryEntry = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  status: z.enum(CONNECTOR_STATUSES).nullable(),
  detail: z.string().nullable(),
  actorEmail: z.string().nullable(),
});

export const connectorsEndpoints: readonly TEndpointSpec[] = [
  { method: "get", path: "/api/v1/connectors", summary: "Connected apps with status and stats", tag: "Connectors", auth: "viewer", response: z.object({ data: z.array(ZConnectorDto) }) },
  {
    method: "post",
    path: "/api/v1/connectors",
    summary: "Connect an Atlassian organization (the API key is verified first, then stored encrypted)",
    tag: "Connectors",
    auth: "admin",
    body: ZCreateConnectorInput,
    response: ZConnectorDto,
    status: 201,
  },
  { method: "get", path: "/api/v1/connectors/{id}", summary: "One connector with status and stats", tag: "Connectors", auth: "viewer", response: ZConnectorDto },
  { method: "patch", path: "/api/v1/connectors/{id}", summary: "Pause or resume a connector", tag: "Connectors", auth: "admin", body: ZUpdateConnectorInput, response: ZConnectorDto },
  {
    method: "delete",
    path: "/api/v1/connectors/{id}",
    summary: "Remove a connector and all of its data",
    tag: "Connectors",
    auth: "admin",
    response: z.object({ deleted: z.literal(true), activitiesDeleted: z.number(), alertsDeleted: z.number(), governanceActionsDeleted: z.number() }),
  },
  { method: "put", path: "/api/v1/connectors/{id}/api-key", summary: "Rotate the API key after verifying it", tag: "Connectors", auth: "admin", body: ZRotateKeyInput, response: ZConnectorDto },
  {
    method: "post",
    path: "/api/v1/connectors/{id}/scopes",
    summary: "Probe the API key's scopes again and store which the key lacks (features turn on or off)",
    tag: "Connectors",
    auth: "admin",
    response: ZConnectorDto,
  },
  { method: "post", path: "/api/v1/connectors/{id}/sync", summary: "Poll the Atlassian API now", tag: "Connectors", auth: "admin", response: ZConnectorDto, status: 202 },
  {
    method: "get",
    path: "/api/v1/connectors/{id}/history",
    summary: "Status changes, key rotations and sync errors, newest first",
    tag: "Connectors",
    auth: "viewer",
    response: z.object({ data: z.array(ZHistoryEntry) }),
  },
  {
    method: "get",
    path: "/api/v1/connectors/{id}/quarantine",
    summary: "Events set aside because they do not match the wire schema (time, event id, reason), newest first; keyset cursor, limit ≤ 200",
    tag: "Connectors",
    auth: "viewer",
    query: ZQuarantineQuery,
    response: ZQuarantinePage,
  },
  {
    method: "get",
    path: "/api/v1/connectors/{id}/quarantine/export",
    summary: "Every quarantined event with its raw JSON as received (cut at 64 KB, then a string), as NDJSON, newest first",
    tag: "Connectors",
    auth: "analyst",
    produces: ["application/x-ndjson"],
  },
];
