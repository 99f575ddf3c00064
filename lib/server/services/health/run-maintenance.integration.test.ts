import { beforeEach, describe, expect, it } from "vitest";
import { resetDatabase } from "../../../testing/reset-database";
import { appendAuditEvent, listAuditEvents } from "../../repositories/audit-repository";
import { runMaintenance } from "./run-maintenance";

beforeEach(resetDatabase);

const DAY_MS = 24 * 60 * 60 * 1000;
const now = new Date("2026-11-23T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);

describe("runMaintenance", () => {
  it("deletes portal audit events older than the retention, and only those", async () => {
    await appendAuditEvent({ action: "auth.sign_in", actorEmail: "old@example.test", at: daysAgo(401) });
    await appendAuditEvent({ action: "auth.sign_in", actorEmail: "older@example.test", at: daysAgo(900) });
    await appendAuditEvent({ action: "auth.sign_in", actorEmail: "kept@example.test", at: daysAgo(399) });
    await appendAuditEvent({ action: "auth.sign_in", actorEmail: "new@example.test", at: now });

    const result = await runMaintenance({ now, auditRetentionDays: 400 });
    expect(result.auditEventsPruned).toBe(2);
    const left = (await listAuditEvents({ limit: 10 })).rows.map((r) => r.actorEmail).sort();
    expect(left).toEqual(["kept@example.test", "new@example.test"]);

    expect((await runMaintenance({ now, auditRetentionDays: 30 })).auditEventsPruned).toBe(1);
  });
});
