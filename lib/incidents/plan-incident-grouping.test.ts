import { describe, expect, it } from "vitest";
import { planIncidentGrouping } from "./plan-incident-grouping";

const H = 3_600_000;
const at = (h: number) => new Date(Date.UTC(2026, 11, 1) + h * H);
const ids = () => {
  let n = 0;
  return () => `inc-${++n}`;
};

describe("planIncidentGrouping", () => {
  it("slides the window with each alert and starts a new incident after it", () => {
    const plan = planIncidentGrouping(
      [
        { id: "a3", accountId: "u", firstActivityAt: at(40), lastActivityAt: at(41) },
        { id: "a1", accountId: "u", firstActivityAt: at(0), lastActivityAt: at(1) },
        { id: "a2", accountId: "u", firstActivityAt: at(20), lastActivityAt: at(22) },
        { id: "a4", accountId: "u", firstActivityAt: at(70), lastActivityAt: at(70) },
        { id: "b1", accountId: "v", firstActivityAt: at(2), lastActivityAt: at(2) },
      ],
      [],
      24 * H,
      ids(),
    );
    // a2 joins (20 ≤ 1+24), a3 joins because a2 slid the window to 46; a4 starts anew (70 > 41+24); v has its own.
    expect(plan.assignments).toEqual([
      { alertId: "a1", incidentId: "inc-1" },
      { alertId: "b1", incidentId: "inc-2" },
      { alertId: "a2", incidentId: "inc-1" },
      { alertId: "a3", incidentId: "inc-1" },
      { alertId: "a4", incidentId: "inc-3" },
    ]);
    expect(plan.created).toEqual([
      { id: "inc-1", firstAlertId: "a1" },
      { id: "inc-2", firstAlertId: "b1" },
      { id: "inc-3", firstAlertId: "a4" },
    ]);
  });

  it("joins an existing incident while joinable, never one whose window ended", () => {
    const joinable = [{ id: "old", accountId: "u", firstActivityAt: at(0), joinableUntil: at(30) }];
    expect(planIncidentGrouping([{ id: "a", accountId: "u", firstActivityAt: at(30), lastActivityAt: at(31) }], joinable, 24 * H, ids()).assignments).toEqual([
      { alertId: "a", incidentId: "old" },
    ]);
    expect(planIncidentGrouping([{ id: "a", accountId: "u", firstActivityAt: at(31), lastActivityAt: at(31) }], joinable, 24 * H, ids()).created).toHaveLength(1);
  });

  it("a late (backfilled) alert far before an incident does not join it", () => {
    const joinable = [{ id: "now", accountId: "u", firstActivityAt: at(100), joinableUntil: at(130) }];
    const plan = planIncidentGrouping([{ id: "old", accountId: "u", firstActivityAt: at(10), lastActivityAt: at(11) }], joinable, 24 * H, ids());
    expect(plan.assignments).toEqual([{ alertId: "old", incidentId: "inc-1" }]);
  });
});
