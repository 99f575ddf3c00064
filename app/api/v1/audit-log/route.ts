// GET /api/v1/audit-log – the portal's own audit trail, newest first (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { listAuditEvents } from "@/lib/server/services/audit/list-audit-events";
import { auditLogContracts } from "@/lib/shared/contracts/audit-log";

export const GET = withRoute(auditLogContracts.list, ({ query }) => listAuditEvents(query));
