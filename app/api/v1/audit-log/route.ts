// GET /api/v1/audit-log – the portal's own audit trail, newest first (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { listAuditEvents } from "@/lib/server/services/audit/list-audit-events";
import { ZAuditQuery } from "@/lib/shared/schemas/audit";

export const GET = withRoute({ auth: "admin", query: ZAuditQuery, handler: ({ query }) => listAuditEvents(query) });
