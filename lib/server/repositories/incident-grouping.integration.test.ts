import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createProbe } from "../../../scripts/faults/probe";
import { createAlertFixtures } from "../../testing/alert-fixtures";
import { resetDatabase } from "../../testing/reset-database";
import { getSql } from "../db";
import { upsertAlertsInTransaction, type TAlertWrite } from "./alert-repository";

let fx: Awaited<ReturnType<typeof createAlertFixtures>>;
beforeAll(async () => {
  fx = await createAlertFixtures();
});
afterAll(() => fx.close());
beforeEach(resetDatabase);

const H = 3_600_000;
const at = (h: number) => new Date(Date.UTC(2026, 10, 1) + h * H);

const write = (key: string, h: number): TAlertWrite => ({
  policyId: null,
  policyKey: "impossible_travel",
  policyName: "Impossible travel",
  severity: "medium",
  connectorId: "",
  user: { accountId: "acc-ada", email: "ada@acme.test", name: "Ada" },
  title: key,
  explanation: "x",
  details: {},
  episodeKey: key,
  activitySeqs: [],
  firstActivityAt: at(h),
  lastActivityAt: at(h),
});

describe("incident grouping under concurrency", () => {
  it("two workers' transactions never create two incidents for one account", async () => {
    const c = await fx.connector();
    for (let round = 0; round < 5; round++) {
      // Four transactions raise an alert of the same account at once (each within the others' window).
      await Promise.all(
        Array.from({ length: 4 }, (_, n) =>
          getSql()
            .transaction()
            .execute(async (trx) => {
              await upsertAlertsInTransaction(c, [write(`r${round}-${n}`, round * 100 + n)], trx);
              // Held open a little so that the others really overlap it.
              await new Promise((resolve) => setTimeout(resolve, 20));
            }),
        ),
      );
    }
    const rows = await fx.query<{ alert_count: number }>("SELECT alert_count FROM incidents ORDER BY first_activity_at");
    expect(rows.map((r) => r.alert_count)).toEqual([4, 4, 4, 4, 4]);
    expect(await fx.query("SELECT count(*)::int AS n FROM alerts WHERE incident_id IS NULL")).toEqual([{ n: 0 }]);
    // The fault suite's check after its restart rows agrees, and sees a gap and an overlap when there is one.
    const probe = createProbe(process.env.DATABASE_URL ?? "");
    expect(await probe.incidentGaps()).toEqual([]);
    await fx.alert({ connectorId: c });
    await fx.query("UPDATE incidents SET joinable_until = joinable_until + interval '1000 hours'");
    expect(await probe.incidentGaps()).toEqual(["1 alerts with an account but no incident", "acc-ada: 10 pairs of open incidents with overlapping windows"]);
  });
});
