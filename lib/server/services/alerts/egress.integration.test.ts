import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseIp } from "../../../enrichment/cidr";
import { ZAlertEgressInput } from "../../../shared/schemas/alerts";
import { createAlertFixtures } from "../../../testing/alert-fixtures";
import { makeUser } from "../../../testing/factories";
import { resetDatabase } from "../../../testing/reset-database";
import { getAlertOrThrow } from "../detection/get-alert";
import { invalidateEnrichmentContext, loadEnrichmentContext } from "../ip-ranges/load-enrichment-context";
import { createIpRangeForActor } from "../ip-ranges/save-ip-range";
import { markAlertEgress } from "./mark-egress";

let fx: Awaited<ReturnType<typeof createAlertFixtures>>;
beforeAll(async () => {
  fx = await createAlertFixtures();
});
afterAll(() => fx.close());
beforeEach(async () => {
  await resetDatabase();
  invalidateEnrichmentContext();
});

const LONDON = "81.2.69.142";
const SYDNEY = "1.120.45.8";
const input = (overrides: Record<string, unknown> = {}) =>
  ZAlertEgressInput.parse({ name: "Acme VPN", category: "vpn", expiresAt: new Date(Date.now() + 90 * 86_400_000).toISOString(), ...overrides });

describe("POST /api/v1/alerts/{id}/egress", () => {
  it("creates the range from the alert's IPs and dismisses the open alerts entirely inside it", async () => {
    const { principal: ana } = await makeUser("analyst", { name: "Ana Lyst" });
    const c = await fx.connector();
    const act = (ip: string | null, user = "acc-ada") => fx.activity(c, user, ip);
    const source = await fx.alert({ connectorId: c, activitySeqs: [await act(LONDON), await act(SYDNEY)] });
    // Another travel alert, both sides inside (other hosts of the same /24s): dismissed.
    const bothInside = await fx.alert({ connectorId: c, userAccountId: "acc-bob", status: "in_progress", activitySeqs: [await act("81.2.69.7", "acc-bob"), await act("1.120.45.200", "acc-bob")] });
    // One side outside: stays open.
    const oneOutside = await fx.alert({ connectorId: c, activitySeqs: [await act("81.2.69.9"), await act("5.9.23.11")] });
    const country = await fx.alert({ connectorId: c, policyKey: "infrequent_country", activitySeqs: [await act(SYDNEY)] });
    const noIp = await fx.alert({ connectorId: c, policyKey: "anonymous_ip", activitySeqs: [await act(LONDON), await act(null)] });
    const otherPolicy = await fx.alert({ connectorId: c, policyKey: "failed_logins", activitySeqs: [await act(LONDON)] });
    const closed = await fx.alert({ connectorId: c, policyKey: "suspicious_ip", status: "resolved", activitySeqs: [await act(LONDON)] });
    await loadEnrichmentContext({ needsGeoIp: false });

    const result = await markAlertEgress({ actor: { ...ana, ip: "127.0.0.1" }, alertId: source, input: input() });
    expect(result.range).toMatchObject({ name: "Acme VPN", category: "vpn", cidrs: ["1.120.45.0/24", "81.2.69.0/24"], location: null, expiresAt: expect.any(String) });
    expect(result.reevaluated.alertIds.sort()).toEqual([source, bothInside, country].sort());
    expect(result.reevaluated.dismissed).toBe(3);

    const reason = `Marked as egress "Acme VPN" by ${ana.email}`;
    for (const id of [bothInside, country]) {
      const detail = await getAlertOrThrow(id);
      expect(detail).toMatchObject({ status: "dismissed", classification: "benign_true_positive", resolutionReason: reason, resolvedAt: expect.any(String) });
      expect(detail.history).toEqual([
        expect.objectContaining({ kind: "reevaluated", actor: { id: ana.userId, name: "Ana Lyst", email: ana.email }, detail: expect.objectContaining({ to: "dismissed", reason }) }),
      ]);
    }
    expect((await getAlertOrThrow(bothInside)).history[0]?.detail.from).toBe("in_progress");
    const sourceDetail = await getAlertOrThrow(source);
    expect(sourceDetail.status).toBe("dismissed");
    expect(sourceDetail.history.map((e) => e.kind)).toEqual(["egress_marked", "reevaluated"]);
    expect(sourceDetail.history[0]?.detail).toMatchObject({ range: { id: result.range.id, name: "Acme VPN", category: "vpn" }, dismissed: 3 });
    for (const [id, status] of [[oneOutside, "open"], [noIp, "open"], [otherPolicy, "open"], [closed, "resolved"]] as const) {
      expect(await getAlertOrThrow(id)).toMatchObject({ status, history: [] });
    }

    // Who did it: the range's creator and an audit event naming the alert.
    const [range] = await fx.query<{ created_by_id: string }>("SELECT created_by_id::text FROM ip_ranges");
    expect(range?.created_by_id).toBe(ana.userId);
    const audit = await fx.query<{ action: string; actor_id: string; details: Record<string, string> }>("SELECT action, actor_id::text, details FROM audit_events");
    expect(audit).toEqual([{ action: "ip_range.created", actor_id: ana.userId, details: expect.objectContaining({ alertId: source, category: "vpn" }) }]);
    // Enrichment of new activities sees the range at once in this process (and within 5 s in the worker: the change stamp moved).
    const context = await loadEnrichmentContext({ needsGeoIp: false });
    expect(context.ranges.find(parseIp("81.2.69.250")!)).toMatchObject({ id: result.range.id, category: "vpn" });
  });

  it("takes explicit CIDRs, and refuses private IPs, overlaps, other policies, viewers and unknown alerts with a message", async () => {
    const { principal: admin } = await makeUser("admin");
    const { principal: viewer } = await makeUser("viewer");
    const actor = { ...admin, ip: null };
    const c = await fx.connector();
    const privateAlert = await fx.alert({ connectorId: c, activitySeqs: [await fx.activity(c, "acc-ada", "10.1.2.3"), await fx.activity(c, "acc-ada", LONDON)] });
    await expect(markAlertEgress({ actor, alertId: privateAlert, input: input() })).rejects.toMatchObject({
      status: 400,
      message: "10.1.2.3 is a private address, not an internet egress; send the CIDRs yourself",
    });
    await expect(markAlertEgress({ actor, alertId: privateAlert, input: input({ cidrs: ["192.168.0.0/16"] }) })).rejects.toMatchObject({ status: 400, message: /192\.168\.0\.0\/16 is a private address/ });
    await expect(markAlertEgress({ actor, alertId: privateAlert, input: input({ cidrs: ["81.2.69.0/23", "81.2.69.0/24"] }) })).rejects.toMatchObject({ status: 400, message: /overlap/ });

    await createIpRangeForActor({ actor, input: { name: "Office", category: "corporate", cidrs: ["81.2.0.0/16"], tags: [] } });
    const travel = await fx.alert({ connectorId: c, activitySeqs: [await fx.activity(c, "acc-ada", LONDON)] });
    await expect(markAlertEgress({ actor, alertId: travel, input: input() })).rejects.toMatchObject({
      status: 400,
      message: 'CIDR 81.2.69.0/24 overlaps 81.2.0.0/16 of the range "Office"',
    });
    await expect(markAlertEgress({ actor, alertId: travel, input: input({ name: "Office", cidrs: ["5.9.23.0/24"] }) })).rejects.toMatchObject({ status: 409, message: "Another IP range already has this name" });
    const explicit = await markAlertEgress({ actor, alertId: travel, input: input({ cidrs: ["5.9.23.11"] }) });
    expect(explicit).toEqual({ range: expect.objectContaining({ cidrs: ["5.9.23.11/32"] }), reevaluated: { dismissed: 0, alertIds: [] } });

    const failed = await fx.alert({ connectorId: c, policyKey: "failed_logins", activitySeqs: [await fx.activity(c, "acc-ada", SYDNEY)] });
    await expect(markAlertEgress({ actor, alertId: failed, input: input({ name: "X" }) })).rejects.toMatchObject({ status: 400, message: /Only impossible travel/ });
    await expect(markAlertEgress({ actor: { ...viewer, ip: null }, alertId: travel, input: input({ name: "Y" }) })).rejects.toMatchObject({ status: 403 });
    await expect(markAlertEgress({ actor, alertId: randomUUID(), input: input({ name: "Z" }) })).rejects.toMatchObject({ status: 404 });
    expect(ZAlertEgressInput.safeParse({ name: "V", category: "vpn", expiresAt: "2020-01-01T00:00:00Z" }).error?.issues[0]?.message).toBe("expiresAt must be in the future");
  });

  it("holds analysts to the alert: at most /24 or /64 containing one of its IPs, 90 days, its own connector", async () => {
    const { principal: ana } = await makeUser("analyst");
    const { principal: admin } = await makeUser("admin");
    const analyst = { ...ana, ip: null };
    const c = await fx.connector();
    const other = await fx.connector("Other");
    const source = await fx.alert({ connectorId: c, activitySeqs: [await fx.activity(c, "acc-ada", LONDON), await fx.activity(c, "acc-ada", SYDNEY)] });
    const refused = (overrides: Record<string, unknown>) => markAlertEgress({ actor: analyst, alertId: source, input: input(overrides) });

    // The finding: almost the whole internet as "our egress" until 2099.
    await expect(refused({ cidrs: ["1.0.0.0/8", "2000::/3"] })).rejects.toMatchObject({ status: 400, message: /1\.0\.0\.0\/8 is wider than \/24/ });
    await expect(refused({ cidrs: ["2001:db9::/48"] })).rejects.toMatchObject({ status: 400, message: /wider than \/64/ });
    await expect(refused({ cidrs: ["5.9.23.0/24"] })).rejects.toMatchObject({ status: 400, message: /5\.9\.23\.0\/24 contains none of this alert's IP addresses/ });
    await expect(refused({ expiresAt: "2099-01-01T00:00:00Z" })).rejects.toMatchObject({ status: 400, message: /at most 90 days/ });
    await expect(refused({ expiresAt: new Date(Date.now() + 92 * 86_400_000).toISOString() })).rejects.toMatchObject({ status: 400 });
    expect(await fx.query("SELECT id FROM ip_ranges")).toEqual([]);

    // Within the rules: created, and only this connector's alerts are dismissed.
    const sameConnector = await fx.alert({ connectorId: c, policyKey: "infrequent_country", activitySeqs: [await fx.activity(c, "acc-bob", "81.2.69.7")] });
    const otherConnector = await fx.alert({ connectorId: other, policyKey: "infrequent_country", activitySeqs: [await fx.activity(other, "acc-eve", "81.2.69.8")] });
    const marked = await markAlertEgress({ actor: analyst, alertId: source, input: input({ cidrs: ["81.2.69.0/24", "1.120.45.8"] }) });
    expect(marked.reevaluated.alertIds.sort()).toEqual([source, sameConnector].sort());
    expect(await getAlertOrThrow(otherConnector)).toMatchObject({ status: "open" });

    // Admins are not held to these rules (they have the full IP-range editor).
    const wide = await fx.alert({ connectorId: other, activitySeqs: [await fx.activity(other, "acc-eve", "5.9.23.11")] });
    const adminMarked = await markAlertEgress({ actor: { ...admin, ip: null }, alertId: wide, input: input({ name: "Hetzner", cidrs: ["5.9.0.0/16"], expiresAt: "2099-01-01T00:00:00Z" }) });
    expect(adminMarked.range.cidrs).toEqual(["5.9.0.0/16"]);
  });
});
