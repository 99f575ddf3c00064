import { describe, expect, it } from "vitest";
import { resolveRetentionPeriods, retentionCutoffs } from "./retention-periods";

const noRow = null;
const row = { activities_days: 400, alerts_days: null, governance_days: 200, deliveries_days: null, audit_days: null };

describe("resolveRetentionPeriods", () => {
  it("uses the defaults when nothing is set", () => {
    const periods = resolveRetentionPeriods(noRow, {});
    expect(periods.map((p) => [p.kind, p.days, p.source])).toEqual([
      ["activities", 180, "default"],
      ["alerts", 365, "default"],
      ["governance", 365, "default"],
      ["deliveries", 90, "default"],
      ["audit", 400, "default"],
    ]);
  });

  it("takes Settings over the default and the environment over both", () => {
    const periods = resolveRetentionPeriods(row, { WATCHPOST_RETENTION_ACTIVITIES_DAYS: 30, WATCHPOST_AUDIT_RETENTION_DAYS: 500 });
    const byKind = Object.fromEntries(periods.map((p) => [p.kind, p]));
    expect(byKind.activities).toMatchObject({ days: 30, source: "environment", envVar: "WATCHPOST_RETENTION_ACTIVITIES_DAYS" });
    expect(byKind.governance).toMatchObject({ days: 200, source: "settings" });
    expect(byKind.alerts).toMatchObject({ days: 365, source: "default" });
    expect(byKind.audit).toMatchObject({ days: 500, source: "environment" });
  });
});

describe("retentionCutoffs", () => {
  it("subtracts each kind's days from now", () => {
    const now = new Date("2026-12-07T00:00:00Z");
    const cutoffs = retentionCutoffs(resolveRetentionPeriods(noRow, {}), now);
    expect(cutoffs.activities.toISOString()).toBe("2026-06-10T00:00:00.000Z");
    expect(cutoffs.deliveries.toISOString()).toBe("2026-09-08T00:00:00.000Z");
  });
});
