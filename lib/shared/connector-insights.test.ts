import { describe, expect, it } from "vitest";
import { keyHealth, syncProgress } from "./connector-insights";

const NOW = new Date("2026-06-01T12:00:00Z");
const daysFromNow = (days: number) => new Date(NOW.getTime() + days * 86_400_000).toISOString();
const stats = (activitiesStored: number) => ({
  activitiesStored,
  activitiesLast24h: 0,
  droppedUnverifiedDomain: 0,
  eventsQuarantined: 0,
  duplicatesSkipped: 0,
  requestsLastMinute: 0,
  rateLimitedResponses: 0,
  usersSynced: 0,
  lagSeconds: null,
});

describe("keyHealth", () => {
  it("is quiet for a fresh key that expires in a year", () => {
    expect(keyHealth({ apiKeyExpiresAt: daysFromNow(365), apiKeySetAt: NOW.toISOString() }, NOW)).toEqual({
      daysToExpiry: 365,
      ageDays: 0,
      isExpired: false,
      isExpiringSoon: false,
      isRotationDue: false,
    });
  });

  it("warns under 30 days, and once expired", () => {
    expect(keyHealth({ apiKeyExpiresAt: daysFromNow(29.5), apiKeySetAt: daysFromNow(-300) }, NOW)).toMatchObject({ daysToExpiry: 29, isExpiringSoon: true, isExpired: false });
    expect(keyHealth({ apiKeyExpiresAt: daysFromNow(30), apiKeySetAt: daysFromNow(-300) }, NOW).isExpiringSoon).toBe(false);
    expect(keyHealth({ apiKeyExpiresAt: daysFromNow(-1), apiKeySetAt: daysFromNow(-366) }, NOW)).toMatchObject({ isExpired: true, isExpiringSoon: false });
  });

  it("recommends rotation from six months of age", () => {
    expect(keyHealth({ apiKeyExpiresAt: daysFromNow(200), apiKeySetAt: daysFromNow(-181) }, NOW).isRotationDue).toBe(false);
    expect(keyHealth({ apiKeyExpiresAt: daysFromNow(200), apiKeySetAt: daysFromNow(-182) }, NOW)).toMatchObject({ ageDays: 182, isRotationDue: true });
  });
});

describe("syncProgress", () => {
  it("is indeterminate before the first activity", () => {
    const progress = syncProgress({ syncFrom: daysFromNow(-30), createdAt: daysFromNow(-0.001), lastProcessedAt: null, stats: stats(0) }, NOW);
    expect(progress.percent).toBeNull();
    expect(progress.etaSeconds).toBeNull();
  });

  it("measures syncFrom → lastProcessedAt against syncFrom → now, with an ETA for a backfill running faster than time", () => {
    // 10 of 30 days stored in 100 s: 8640× real time, so the remaining 20 days take about 200 s.
    const progress = syncProgress(
      { syncFrom: daysFromNow(-30), createdAt: new Date(NOW.getTime() - 100_000).toISOString(), lastProcessedAt: daysFromNow(-20), stats: stats(5000) },
      NOW,
    );
    expect(progress.percent).toBeCloseTo(33.33, 1);
    expect(progress.etaSeconds).toBe(200);
    expect(progress.activitiesPerSecond).toBe(50);
  });

  it("gives no ETA when the sync is not gaining on real time, and never exceeds 100%", () => {
    const slow = syncProgress({ syncFrom: daysFromNow(-1), createdAt: daysFromNow(-1), lastProcessedAt: daysFromNow(-0.5), stats: stats(1) }, NOW);
    expect(slow.etaSeconds).toBeNull();
    const ahead = syncProgress({ syncFrom: daysFromNow(-1), createdAt: daysFromNow(-0.5), lastProcessedAt: daysFromNow(0.1), stats: stats(1) }, NOW);
    expect(ahead.percent).toBe(100);
  });
});
