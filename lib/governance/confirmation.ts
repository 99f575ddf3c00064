import type { TGovernanceActionKind } from "../shared/schemas/governance";

/** Atlassian has no public API that ends a user's browser sessions: require_sign_in can only revoke API tokens. */
export const NO_SESSIONS_API_NOTE = "Atlassian has no public API to end browser sessions; API tokens were revoked";

export type TConfirmationInput = Readonly<{
  action: TGovernanceActionKind;
  /** Email or name of the Atlassian user. */
  userLabel: string;
  connectorName: string;
  autoRestoreHours?: number;
  chat?: boolean;
}>;

const hours = (n: number) => `${n} ${n === 1 ? "hour" : "hours"}`;

/**
 * What an action will do against Atlassian, in the words of the confirmation dialog (and the docs): the API
 * call, on whom, in which organization, and what the user will notice.
 */
export const describeGovernanceAction = ({ action, userLabel, connectorName, autoRestoreHours, chat }: TConfirmationInput): string => {
  switch (action) {
    case "suspend_user":
      return (
        `Suspend user: Watchpost will call suspend-access for ${userLabel} in ${connectorName}: they lose product access ` +
        `and cannot sign in until access is restored. Their account, content and API tokens are kept. ` +
        (autoRestoreHours
          ? `Access is restored automatically (restore-access) after ${hours(autoRestoreHours)} unless an analyst confirms the suspension first.`
          : "Access stays suspended until someone runs Unsuspend user.")
      );
    case "unsuspend_user":
      return `Unsuspend user: Watchpost will call restore-access for ${userLabel} in ${connectorName}: their product access comes back as it was before the suspension.`;
    case "require_sign_in":
      return (
        `Require user to sign in again: Watchpost will list the API tokens of ${userLabel} in ${connectorName} and revoke every one ` +
        `(DELETE /users/{id}/manage/api-tokens/{tokenId}); scripts and integrations using them stop working. ` +
        `Atlassian has no public API to end browser sessions, so sessions already open in a browser stay signed in until they expire.`
      );
    case "notify_user":
      return (
        `Notify user: Watchpost will email ${userLabel} (${connectorName}) what was seen and whom to contact` +
        (chat ? ", and post the same notice to the chat channels (Slack, Teams)." : ".") +
        " Nothing changes in Atlassian."
      );
  }
};
