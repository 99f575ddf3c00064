import { describe, expect, it } from "vitest";
import { ALERT_STATUSES, ALERT_TRANSITIONS, type TAlertStatus } from "../../../shared/schemas/alerts";
import type { TTriageState } from "../../repositories/alert-triage-repository";
import { planTriageChange } from "./plan-triage-change";

const NOW = new Date("2026-11-24T10:00:00.000Z");
const ADA = { id: "11111111-1111-4111-8111-111111111111", name: "Ada", email: "ada@example.test" };
const BOB = { id: "22222222-2222-4222-8222-222222222222", name: "Bob", email: "bob@example.test" };

const state = (overrides: Partial<TTriageState> = {}): TTriageState => ({
  id: "a1",
  policyKey: "impossible_travel",
  status: "open",
  assignee: null,
  classification: null,
  resolutionReason: null,
  resolvedAt: null,
  ...overrides,
});

const closed = (status: "resolved" | "dismissed") =>
  state({ status, classification: status === "resolved" ? "true_positive" : null, resolutionReason: "seen", resolvedAt: new Date("2026-11-20T00:00:00Z") });

describe("planTriageChange", () => {
  it("allows exactly the transitions of ALERT_TRANSITIONS", () => {
    for (const from of ALERT_STATUSES) {
      for (const to of ALERT_STATUSES.filter((s) => s !== from)) {
        const start = from === "resolved" || from === "dismissed" ? closed(from) : state({ status: from });
        const plan = () => planTriageChange(start, { status: to, classification: to === "resolved" ? "false_positive" : undefined, reason: "because" }, NOW);
        if (ALERT_TRANSITIONS[from].includes(to)) expect(plan()?.next.status).toBe(to);
        else expect(plan).toThrow(`Cannot move an alert from ${from} to ${to}; reopen it first`);
      }
    }
  });

  it("resolving sets classification, reason and resolvedAt, with a status and a classification event", () => {
    const change = planTriageChange(state({ status: "in_progress" }), { status: "resolved", classification: "false_positive", reason: "VPN" }, NOW);
    expect(change?.next).toEqual({ status: "resolved", assigneeId: null, classification: "false_positive", resolutionReason: "VPN", resolvedAt: NOW });
    expect(change?.events).toEqual([
      { kind: "status_changed", detail: { from: "in_progress", to: "resolved", reason: "VPN" } },
      { kind: "classified", detail: { classification: "false_positive", reason: "VPN" } },
    ]);
  });

  it("dismissing needs a reason but no classification; reopening clears the resolution", () => {
    expect(planTriageChange(state(), { status: "dismissed", reason: "noise" }, NOW)?.next).toMatchObject({ status: "dismissed", classification: null, resolutionReason: "noise", resolvedAt: NOW });
    expect(() => planTriageChange(state(), { status: "dismissed" }, NOW)).toThrow("Resolving or dismissing needs a reason");
    expect(() => planTriageChange(state(), { status: "resolved", reason: "x" }, NOW)).toThrow("Resolving needs a classification");
    const reopened = planTriageChange(closed("resolved"), { status: "open", reason: "came back" }, NOW);
    expect(reopened?.next).toEqual({ status: "open", assigneeId: null, classification: null, resolutionReason: null, resolvedAt: null });
    expect(reopened?.events).toEqual([{ kind: "status_changed", detail: { from: "resolved", to: "open", reason: "came back" } }]);
  });

  it("reclassifies a closed alert, and refuses a classification or a lone reason on an open one", () => {
    expect(planTriageChange(closed("resolved"), { classification: "benign_true_positive" }, NOW)?.events).toEqual([
      { kind: "classified", detail: { classification: "benign_true_positive", reason: "seen" } },
    ]);
    expect(planTriageChange(closed("resolved"), { classification: "true_positive", reason: "seen" }, NOW)).toBeNull();
    expect(() => planTriageChange(state(), { classification: "true_positive" }, NOW)).toThrow(/Only resolved or dismissed alerts have a classification/);
    expect(() => planTriageChange(state(), { status: "in_progress", classification: "true_positive" }, NOW)).toThrow(/Only resolved or dismissed/);
    expect(() => planTriageChange(state(), { reason: "hmm" }, NOW)).toThrow("A reason goes with a status change");
  });

  it("assigns, reassigns and unassigns with one event each, and does nothing when already so", () => {
    expect(planTriageChange(state(), { assignee: ADA }, NOW)?.events).toEqual([{ kind: "assigned", detail: { from: null, to: ADA } }]);
    expect(planTriageChange(state({ assignee: ADA }), { assignee: BOB }, NOW)?.next.assigneeId).toBe(BOB.id);
    expect(planTriageChange(state({ assignee: ADA }), { assignee: null }, NOW)?.events).toEqual([{ kind: "assigned", detail: { from: ADA, to: null } }]);
    expect(planTriageChange(state({ assignee: ADA }), { assignee: ADA }, NOW)).toBeNull();
    const both = planTriageChange(state(), { status: "in_progress", assignee: ADA }, NOW);
    expect(both?.events.map((e) => e.kind)).toEqual(["status_changed", "assigned"]);
  });

  it("treats the current status as no change (bulk over alerts already there)", () => {
    const status: TAlertStatus = "in_progress";
    expect(planTriageChange(state({ status }), { status, reason: "again" }, NOW)).toBeNull();
    expect(planTriageChange(closed("dismissed"), { status: "dismissed", reason: "seen" }, NOW)).toBeNull();
  });
});
