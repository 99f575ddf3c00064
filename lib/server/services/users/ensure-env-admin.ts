import { hashPassword } from "../../crypto/password";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { findUserByEmail, upsertUserByEmail } from "../../repositories/user-repository";

/** WATCHPOST_ADMIN_EMAIL + WATCHPOST_ADMIN_PASSWORD: create or update that admin at start (automation). */
export const ensureEnvAdmin = async (options: Readonly<{ email: string; password: string }>): Promise<"created" | "updated"> => {
  const email = options.email.trim().toLowerCase();
  const existed = Boolean(await findUserByEmail(email));
  const user = await upsertUserByEmail({ email, name: email.split("@")[0] ?? email, role: "admin", passwordHash: await hashPassword(options.password) });
  await appendAuditEvent({
    action: existed ? "user.updated" : "user.created",
    actorEmail: "WATCHPOST_ADMIN_EMAIL",
    targetType: "user",
    targetId: user.id,
    targetName: user.email,
    details: { role: "admin", source: "environment" },
  });
  return existed ? "updated" : "created";
};
