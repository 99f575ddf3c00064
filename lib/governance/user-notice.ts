export type TUserNoticeInput = Readonly<{
  userName: string | null;
  /** The organization (connector) name. */
  orgName: string;
  /** The alert behind the action, when there is one. */
  alert?: Readonly<{ title: string; explanation: string }> | null;
  /** The reason the action was taken (the analyst's words, or the policy's). */
  reason: string;
  /** Whom the user should contact: the person who triggered the action, or the security contact. */
  contact: string | null;
}>;

/**
 * The security notice emailed to an Atlassian user (notify_user): what was seen on their account and whom
 * to contact. Plain text, no links: a notice that asks people to click is what phishing looks like.
 */
export const buildUserNotice = ({ userName, orgName, alert, reason, contact }: TUserNoticeInput): { subject: string; text: string } => {
  const seen = alert ? [`What we saw: ${alert.title}`, alert.explanation] : [`What we saw: ${reason}`];
  const lines = [
    `Hello ${userName ?? "there"},`,
    "",
    `The security team reviewing your Atlassian account in ${orgName} noticed activity that needs your attention.`,
    "",
    ...seen,
    ...(alert && reason && !reason.includes(alert.title) ? ["", `Note from the security team: ${reason}`] : []),
    "",
    contact
      ? `If this was you, or if you do not recognise it, contact ${contact}. Do not reply with your password or any code.`
      : "If this was you, or if you do not recognise it, contact your security team. Do not reply with your password or any code.",
    "",
    "This message was sent by Watchpost, your organization's Atlassian security monitoring.",
  ];
  return { subject: alert ? `Security notice about your Atlassian account: ${alert.title}` : "Security notice about your Atlassian account", text: lines.join("\n") };
};
