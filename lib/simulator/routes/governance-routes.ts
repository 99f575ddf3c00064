import { randomUUID } from "node:crypto";
import { json, noContent, notFound, readJsonBody, SimHttpError, type TSimResponse } from "../http-kit";
import { EventFactory } from "../scenario/event-factory";
import { appendEvents, isManagedUser, type TGovernanceKind, type TSimUser } from "../store/sim-org";
import type { TApiContext } from "./api-context";

const findUser = (context: TApiContext): TSimUser => {
  const user = context.org.users.get(context.params.accountId ?? "");
  if (!user) throw notFound("USER_NOT_FOUND", "no user with this account id in the organization");
  return user;
};

/** The user-management API only acts on managed accounts (ATL-UM): others get 403. */
const findManagedUser = (context: TApiContext): TSimUser => {
  const user = findUser(context);
  if (!isManagedUser(context.org, user)) throw new SimHttpError(403, "FORBIDDEN", "the account is not managed by this organization");
  return user;
};

/** Records the call for the control API and stats, and writes the audit event Atlassian would log. */
const record = (context: TApiContext, user: TSimUser, kind: TGovernanceKind, action: string, extra: { tokenId?: string; message?: string } = {}) => {
  const { org, apiKey, state } = context;
  const nowMs = state.now();
  user.governanceCalls.push({ kind, at: new Date(nowMs).toISOString(), apiKeyId: apiKey.id, ...extra });
  state.stats.recordGovernance(kind);
  const factory = new EventFactory({ id: org.id, name: org.name, siteName: org.siteName });
  const event = factory.event({
    id: randomUUID(),
    timeMs: nowMs,
    action,
    actor: { id: apiKey.systemAccountId, name: apiKey.label, auth: { authType: "api-key", tokenId: apiKey.id, tokenLabel: apiKey.label } },
    context: factory.userContext(user),
    location: { ip: context.request.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "127.0.0.1" },
    message: action === "user_api_token_revoked" ? `Revoked API token of ${user.email}` : `${action.replaceAll("_", " ")}: ${user.email}`,
  });
  appendEvents(org, [event], nowMs);
};

/** POST /admin/v1/orgs/{orgId}/directory/users/{accountId}/suspend-access. */
export const suspendAccess = (context: TApiContext): TSimResponse => {
  const user = findUser(context);
  if (user.status === "active") user.status = "suspended";
  record(context, user, "suspend-access", "user_access_suspended");
  return json(200, { message: `Access to organization ${context.org.id} for user ${user.accountId} suspended` });
};

/** POST /admin/v1/orgs/{orgId}/directory/users/{accountId}/restore-access. */
export const restoreAccess = (context: TApiContext): TSimResponse => {
  const user = findUser(context);
  if (user.status === "suspended") user.status = "active";
  record(context, user, "restore-access", "user_access_restored");
  return json(200, { message: `Access to organization ${context.org.id} for user ${user.accountId} restored` });
};

/** POST /users/{accountId}/manage/lifecycle/disable → 204; the account is deactivated everywhere. */
export const disableUser = async (context: TApiContext): Promise<TSimResponse> => {
  const user = findManagedUser(context);
  const body = (await readJsonBody(context.request)) as { message?: unknown } | undefined;
  user.status = "deactivated";
  record(context, user, "lifecycle-disable", "user_deactivated", typeof body?.message === "string" ? { message: body.message } : {});
  return noContent();
};

/** POST /users/{accountId}/manage/lifecycle/enable → 204. */
export const enableUser = (context: TApiContext): TSimResponse => {
  const user = findManagedUser(context);
  user.status = "active";
  record(context, user, "lifecycle-enable", "user_reactivated");
  return noContent();
};

/** GET /users/{accountId}/manage/api-tokens: a bare array, as in the user-management API. */
export const listUserApiTokens = (context: TApiContext): TSimResponse => {
  const user = findManagedUser(context);
  return json(
    200,
    user.apiTokens.map((token) => ({
      id: token.id,
      label: token.label,
      createdAt: new Date(token.createdAt).toISOString(),
      lastAccess: token.lastAccess === null ? null : new Date(token.lastAccess).toISOString(),
    })),
  );
};

/** DELETE /users/{accountId}/manage/api-tokens/{tokenId} → 204; 404 for an unknown token. */
export const deleteUserApiToken = (context: TApiContext): TSimResponse => {
  const user = findManagedUser(context);
  const tokenId = context.params.tokenId ?? "";
  const index = user.apiTokens.findIndex((token) => token.id === tokenId);
  if (index < 0) throw notFound("TOKEN_NOT_FOUND", "no API token with this id");
  user.apiTokens.splice(index, 1);
  user.revokedTokenIds.push(tokenId);
  record(context, user, "api-token-delete", "user_api_token_revoked", { tokenId });
  return noContent();
};

/** GET /users/{accountId}/manage/profile. */
export const getProfile = (context: TApiContext): TSimResponse => {
  const user = findManagedUser(context);
  return json(200, {
    account: {
      account_id: user.accountId,
      name: user.name,
      nickname: user.email.slice(0, user.email.indexOf("@")),
      email: user.email,
      account_type: "atlassian",
      account_status: user.status === "deactivated" ? "inactive" : "active",
      email_verified: true,
    },
  });
};
