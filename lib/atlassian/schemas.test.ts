import { describe, expect, it } from "vitest";
import { DIRECTORY_USER_EXAMPLE, EVENTS_STREAM_EXAMPLE, MANAGED_USERS_EXAMPLE } from "./doc-examples.fixture";
import { isAdministrativeAction, isFailedLogin, isImpersonation } from "./event-actions";
import { nextCursorOf } from "./pagination";
import { ZEventsPage } from "./schemas/events";
import { parsePolicyRule, ZPolicy } from "./schemas/policies";
import { ZDirectoryUser, ZManagedUsersPage } from "./schemas/users";

describe("wire schemas accept the documented examples (atlassian-api.md §5)", () => {
  it("parses the events-stream page, keeping unknown fields", () => {
    const page = ZEventsPage.parse(EVENTS_STREAM_EXAMPLE);
    expect(page.data).toHaveLength(2);
    expect(page.data[0]?.attributes.processedAt).toBe("2026-01-05T08:14:23.902Z");
    expect(page.data[1]?.attributes.container?.[0]?.type).toBe("sites");
    expect(nextCursorOf(page)).toBe("eyJwIjoiMjAyNi0wMS0wNVQwODozMTowMy4wMDVaIiwiaWQiOiI5YzBkIn0");
  });

  it("parses the v1 managed users page and a v2 directory user", () => {
    const page = ZManagedUsersPage.parse(MANAGED_USERS_EXAMPLE);
    expect(page.meta?.total).toBe(137);
    expect(page.data[0]?.product_access?.map((access) => access.key)).toEqual(["jira-software", "confluence"]);
    expect(ZDirectoryUser.parse(DIRECTORY_USER_EXAMPLE).platformRoles).toEqual(["atlassian/org-admin"]);
  });

  it("rejects an event without an actor", () => {
    const broken = structuredClone(EVENTS_STREAM_EXAMPLE) as { data: { attributes: Record<string, unknown> }[] };
    delete broken.data[0]?.attributes.actor;
    expect(ZEventsPage.safeParse(broken).success).toBe(false);
  });
});

describe("parsePolicyRule", () => {
  const policy = (type: string, rule: unknown) => ZPolicy.parse({ id: "p", type: "policy", attributes: { type, rule } });

  it("types the rule of a known policy type", () => {
    const rule = {
      twoStepVerification: "required",
      ssoEnforced: false,
      idleSessionDurationMinutes: 720,
      sessionExpirationMinutes: null,
      passwordStrength: "strong",
      passwordExpiryDays: null,
    };
    expect(parsePolicyRule(policy("authentication", rule), "authentication")?.twoStepVerification).toBe("required");
  });

  it("returns null for another type or a rule of the wrong shape", () => {
    expect(parsePolicyRule(policy("ip-allowlist", { ipRanges: [] }), "authentication")).toBeNull();
    expect(parsePolicyRule(policy("authentication", { twoStepVerification: "sometimes" }), "authentication")).toBeNull();
  });
});

describe("action classification ([S] rules of §2)", () => {
  it("classifies admin, impersonation and failed-login actions", () => {
    expect(isAdministrativeAction("org_admin_granted")).toBe(true);
    expect(isAdministrativeAction("user_login")).toBe(false);
    expect(isImpersonation("user_logged_in_as_user")).toBe(true);
    expect(isImpersonation("user_email_changed", true)).toBe(true);
    expect(isFailedLogin("user_login_failed")).toBe(true);
  });
});
