import { appendAuditEvent } from "../../repositories/audit-repository";

export const recordSignOut = (options: Readonly<{ userId: string; email: string | null }>): Promise<void> =>
  appendAuditEvent({ action: "auth.sign_out", actorId: options.userId, actorEmail: options.email });
