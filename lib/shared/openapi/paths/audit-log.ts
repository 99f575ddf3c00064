import { z } from "zod";
import { ZAuditEventDto, ZAuditQuery } from "../../schemas/audit";
import type { TEndpointSpec } from "../endpoint";

export const auditLogEndpoints: readonly TEndpointSpec[] = [
  {
    method: "get",
    path: "/api/v1/audit-log",
    summary: "The portal's own audit trail (sign-ins, users, tokens, settings), newest first; keyset cursor",
    tag: "Audit log",
    auth: "admin",
    query: ZAuditQuery,
    response: z.object({ data: z.array(ZAuditEventDto), nextCursor: z.string().nullable() }),
  },
];
