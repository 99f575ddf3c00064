import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { TRole } from "../../../../shared/roles";
import type { TRoleMapping } from "../../../../shared/schemas/sso";
import type { TSignInErrorCode } from "../../../../shared/sign-in-errors";
import { appendAuditEvent } from "../../../repositories/audit-repository";
import { touchLastLogin } from "../../../repositories/user-repository";
import { createSsoUser, findSsoUserByEmail, findUserBySsoSubject, updateSsoUser, type TSsoUserRecord } from "../../../repositories/user-sso-repository";
import { forgetCachedPrincipals } from "../principal-cache";
import { decideRole, groupsOf } from "./role-mapping";

/** Not an argon2 hash: verifyPassword is false for it, so a user created by SSO has no password until an admin sets one. */
const NO_PASSWORD = "!sso";

/** Whether a stored password hash is the placeholder of a user created by SSO (no password was ever set). */
export const isNoPasswordHash = (hash: string): boolean => hash.startsWith(`${NO_PASSWORD}:`);

export type TSsoSignInPolicy = Readonly<{ issuer: string; groupsClaim: string; roleMappings: readonly TRoleMapping[]; defaultRole: TRole | null }>;

export type TSsoSignInResult =
  | Readonly<{ ok: true; user: Readonly<{ id: string; email: string; name: string; role: TRole }> }>
  | Readonly<{ ok: false; code: TSignInErrorCode }>;

const ZIdTokenClaims = z.object({
  sub: z.string().min(1).max(255),
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()).optional().catch(undefined),
  email_verified: z.boolean().optional().catch(undefined),
  name: z.string().trim().max(100).optional().catch(undefined),
  preferred_username: z.string().trim().max(100).optional().catch(undefined),
});

type TRefusal = "no_email" | "email_not_verified" | "email_linked_elsewhere" | "break_glass" | "no_mapped_group" | "user_disabled";

const CODE_OF: Record<TRefusal, TSignInErrorCode> = {
  no_email: "SsoNoEmail",
  email_not_verified: "SsoNoEmail",
  email_linked_elsewhere: "SsoEmailTaken",
  break_glass: "SsoBreakGlass",
  no_mapped_group: "SsoNoRole",
  user_disabled: "AccountDisabled",
};

/** The user this subject or email names: bound to the subject, else a not-yet-bound user with that email (an admin created them). */
const findCandidate = async (issuer: string, subject: string, email: string): Promise<TSsoUserRecord | TRefusal | null> => {
  const bound = await findUserBySsoSubject(issuer, subject);
  if (bound) return bound;
  const byEmail = await findSsoUserByEmail(email);
  if (!byEmail) return null;
  if (byEmail.ssoSubject !== null) return "email_linked_elsewhere";
  return byEmail;
};

/**
 * After the ID token verified (signature, issuer, audience, expiry, nonce): finds or creates the Watchpost user and
 * decides the role from the groups claim, at every sign-in. Refused: no email, a break-glass account (its role must
 * not follow the IdP), no mapped group without a default role, a user disabled in Watchpost. Every outcome is audited
 * with the IdP's subject.
 */
export const signInWithSso = async (options: Readonly<{ claims: Readonly<Record<string, unknown>>; policy: TSsoSignInPolicy; ip: string | null; now?: Date }>): Promise<TSsoSignInResult> => {
  const { policy, ip } = options;
  const now = options.now ?? new Date();
  const parsed = ZIdTokenClaims.safeParse(options.claims);
  const subject = parsed.success ? parsed.data.sub : null;
  const email = parsed.success ? parsed.data.email : undefined;
  const groups = groupsOf(options.claims, policy.groupsClaim);
  const refuse = async (reason: TRefusal, user?: TSsoUserRecord): Promise<TSsoSignInResult> => {
    await appendAuditEvent({
      action: "auth.sso_refused",
      actorId: user?.id ?? null,
      actorEmail: email ?? null,
      ip,
      details: { reason, issuer: policy.issuer, subject, groups: groups.slice(0, 20).join(", ") },
    });
    return { ok: false, code: CODE_OF[reason] };
  };
  if (!parsed.success || !subject || !email) return refuse("no_email");
  if (parsed.data.email_verified === false) return refuse("email_not_verified");

  const candidate = await findCandidate(policy.issuer, subject, email);
  if (typeof candidate === "string") return refuse(candidate);
  if (candidate?.breakGlass) return refuse("break_glass", candidate);
  if (candidate?.disabled) return refuse("user_disabled", candidate);
  const decision = decideRole({ groups, mappings: policy.roleMappings, defaultRole: policy.defaultRole });
  if (!decision.role) return refuse("no_mapped_group", candidate ?? undefined);

  const name = parsed.data.name || parsed.data.preferred_username || email;
  const details = { issuer: policy.issuer, subject, role: decision.role, matchedGroup: decision.matchedGroup ?? "(default role)" };
  let user: TSsoUserRecord;
  if (!candidate) {
    user = await createSsoUser({ email, name, role: decision.role, ssoIssuer: policy.issuer, ssoSubject: subject, passwordHash: `${NO_PASSWORD}:${randomBytes(8).toString("hex")}` });
    await appendAuditEvent({ action: "user.created", actorId: user.id, actorEmail: email, targetType: "user", targetId: user.id, targetName: email, ip, details: { ...details, via: "sso" } });
  } else {
    const isBinding = candidate.ssoSubject === null;
    user = await updateSsoUser(candidate.id, { role: decision.role, ...(isBinding ? { ssoIssuer: policy.issuer, ssoSubject: subject } : {}) });
    if (candidate.role !== decision.role) {
      await forgetCachedPrincipals();
      await appendAuditEvent({
        action: "user.role_changed",
        actorId: user.id,
        actorEmail: email,
        targetType: "user",
        targetId: user.id,
        targetName: email,
        ip,
        details: { from: candidate.role, to: decision.role, via: "sso", subject, matchedGroup: details.matchedGroup },
      });
    }
  }
  await touchLastLogin(user.id, now);
  await appendAuditEvent({ action: "auth.sso_sign_in", actorId: user.id, actorEmail: user.email, ip, details });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
};
