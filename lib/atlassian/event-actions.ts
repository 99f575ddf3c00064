/**
 * The audit-log action catalogue the simulator serves from /event-actions (atlassian-api.md §2). Keys are
 * snake_case; display names marked [S] there are our own. The classification helpers encode the [S]
 * Defender-style rules, so detection code and the simulator agree on what "admin" or "impersonation" means.
 */
export type TEventActionGroup =
  | "Atlassian accounts"
  | "Organization actions"
  | "User management"
  | "Group actions"
  | "Product access"
  | "Security policies"
  | "Domains";

export type TEventActionDefinition = Readonly<{ key: string; displayName: string; group: TEventActionGroup }>;

const define = (group: TEventActionGroup, entries: [key: string, displayName: string][]): TEventActionDefinition[] =>
  entries.map(([key, displayName]) => ({ key, displayName, group }));

export const EVENT_ACTIONS: readonly TEventActionDefinition[] = [
  ...define("Atlassian accounts", [
    ["user_login", "Logged in to account"],
    ["user_login_failed", "Login failed"],
    ["user_logout", "Logged out of account"],
    ["user_password_reset_requested", "Requested password recovery link"],
    ["user_email_changed", "Changed email address"],
    ["user_deactivated", "Deactivated account"],
    ["user_reactivated", "Reactivated account"],
    ["user_api_token_created", "Created API token"],
    ["user_api_token_revoked", "Revoked API token"],
  ]),
  ...define("Organization actions", [
    ["user_logged_in_as_user", "Logged in as user (impersonation)"],
    ["org_admin_granted", "Granted organization admin"],
    ["org_admin_revoked", "Revoked organization admin"],
    ["api_key_created", "Created API key"],
    ["api_key_revoked", "Revoked API key"],
  ]),
  ...define("User management", [
    ["user_access_suspended", "Suspended user access"],
    ["user_access_restored", "Restored user access"],
  ]),
  ...define("Group actions", [
    ["user_added_to_group", "Added user to group"],
    ["user_removed_from_group", "Removed user from group"],
    ["group_created", "Created group"],
    ["group_deleted", "Deleted group"],
  ]),
  ...define("Product access", [
    ["product_access_granted", "Granted product access"],
    ["product_access_revoked", "Revoked product access"],
  ]),
  ...define("Security policies", [
    ["authentication_policy_updated", "Updated authentication policy"],
    ["two_step_verification_enforced", "Enforced two-step verification"],
    ["two_step_verification_disabled", "Disabled two-step verification"],
    ["password_policy_updated", "Updated password requirements"],
    ["session_duration_updated", "Updated idle session duration"],
    ["mobile_policy_updated", "Updated mobile app policy"],
    ["data_security_policy_updated", "Updated data security policy"],
  ]),
  ...define("Domains", [
    ["domain_verified", "Verified domain"],
    ["domain_removed", "Removed domain"],
  ]),
];

const BY_KEY = new Map(EVENT_ACTIONS.map((action) => [action.key, action]));

/** The catalogue entry for an action key, if known. */
export const findEventAction = (key: string): TEventActionDefinition | undefined => BY_KEY.get(key);

const ADMIN_GROUPS: ReadonlySet<TEventActionGroup> = new Set([
  "Organization actions",
  "Security policies",
  "User management",
  "Group actions",
  "Product access",
  "Domains",
]);

/** [S] Administrative activity: any action in an admin group of the catalogue. */
export const isAdministrativeAction = (key: string): boolean => {
  const group = BY_KEY.get(key)?.group;
  return group !== undefined && ADMIN_GROUPS.has(group);
};

/** [S] Impersonation: `user_logged_in_as_user`, or any event whose actor acts on behalf of someone. */
export const isImpersonation = (key: string, hasOnBehalfOf = false): boolean => hasOnBehalfOf || key === "user_logged_in_as_user";

/** [S] Failed interactive login. */
export const isFailedLogin = (key: string): boolean => key === "user_login_failed";

/** Display name of the actor Atlassian attributes system activity to (atlassian-api.md §6.4). */
export const SYSTEM_ACTOR_NAME = "Atlassian Internal System";
