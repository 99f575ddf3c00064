import { ZAuditPage, ZAuditQuery } from "../schemas/audit";
import { defineRoute } from "./define-route";

export const auditLogContracts = {
  list: defineRoute({
    method: "GET",
    path: "/api/v1/audit-log",
    summary: "The portal's own audit trail (sign-ins, users, tokens, settings), newest first; keyset cursor",
    tag: "Audit log",
    auth: "admin",
    query: ZAuditQuery,
    response: ZAuditPage,
  }),
};
