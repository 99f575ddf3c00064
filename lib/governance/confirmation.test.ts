import { describe, expect, it } from "vitest";
import { describeGovernanceAction } from "./confirmation";
import { buildUserNotice } from "./user-notice";

const base = { userLabel: "ada@acme.example", connectorName: "Acme prod" } as const;

describe("describeGovernanceAction", () => {
  it("names the Atlassian call, the user and the organization", () => {
    expect(describeGovernanceAction({ ...base, action: "suspend_user" })).toMatch(
      /^Suspend user: Watchpost will call suspend-access for ada@acme\.example in Acme prod: they lose product access/,
    );
    expect(describeGovernanceAction({ ...base, action: "unsuspend_user" })).toMatch(/^Unsuspend user: Watchpost will call restore-access for ada@acme\.example in Acme prod/);
    expect(describeGovernanceAction({ ...base, action: "notify_user", chat: true })).toMatch(/email ada@acme\.example .*chat channels/);
  });

  it("says when access comes back", () => {
    expect(describeGovernanceAction({ ...base, action: "suspend_user" })).toMatch(/until someone runs Unsuspend user/);
    expect(describeGovernanceAction({ ...base, action: "suspend_user", autoRestoreHours: 1 })).toMatch(/after 1 hour unless an analyst confirms/);
    expect(describeGovernanceAction({ ...base, action: "suspend_user", autoRestoreHours: 24 })).toMatch(/after 24 hours/);
  });

  it("says plainly that browser sessions cannot be ended", () => {
    const text = describeGovernanceAction({ ...base, action: "require_sign_in" });
    expect(text).toMatch(/revoke every one/);
    expect(text).toMatch(/Atlassian has no public API to end browser sessions/);
  });
});

describe("buildUserNotice", () => {
  it("says what was seen (the alert) and whom to contact", () => {
    const notice = buildUserNotice({
      userName: "Ada",
      orgName: "Acme",
      alert: { title: "Impossible travel", explanation: "Signed in from London then Sydney 20 minutes later." },
      reason: 'Policy "Impossible travel" raised: Impossible travel',
      contact: "security@acme.example",
    });
    expect(notice.subject).toBe("Security notice about your Atlassian account: Impossible travel");
    expect(notice.text).toContain("What we saw: Impossible travel\nSigned in from London then Sydney");
    expect(notice.text).toContain("contact security@acme.example");
    expect(notice.text).not.toContain("Note from the security team");
  });

  it("falls back to the reason and to the security team", () => {
    const notice = buildUserNotice({ userName: null, orgName: "Acme", alert: null, reason: "Your API token was used from a new country", contact: null });
    expect(notice.text).toMatch(/^Hello there,/);
    expect(notice.text).toContain("What we saw: Your API token was used from a new country");
    expect(notice.text).toContain("contact your security team");
  });
});
