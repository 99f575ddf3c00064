import { AppError } from "../../../shared/errors";
import { EGRESS_POLICY_KEYS, isEgressPolicyKey, type TAlertEgressInput, type TAlertEgressResult } from "../../../shared/schemas/alerts";
import { ZCreateIpRangeInput } from "../../../shared/schemas/ip-ranges";
import { dismissAlertsInsideEgress, listAlertIps } from "../../repositories/alert-egress-repository";
import { findAlertById } from "../../repositories/alert-repository";
import { createIpRangeForActor } from "../ip-ranges/save-ip-range";
import type { Principal } from "../principal";
import { ANALYST_MAX_EGRESS_DAYS, assertAnalystEgressCidrs, assertPublicCidrs, defaultEgressCidrs } from "./egress-cidrs";
import { assertCanTriage, triageActorOf } from "./triage-actor";

const DAY_MS = 86_400_000;

const toRangeInput = (input: TAlertEgressInput, cidrs: readonly string[]) => {
  const parsed = ZCreateIpRangeInput.safeParse({ name: input.name, category: input.category, cidrs, expiresAt: input.expiresAt });
  if (parsed.success) return parsed.data;
  const params = parsed.error.issues.map((i) => ({ name: i.path.join(".") || "(root)", reason: i.message }));
  throw new AppError("validation_failed", params.map((p) => `${p.name}: ${p.reason}`).join("; "), params);
};

/**
 * "This is our egress": turns the alert's IPs (each widened to /24 or /64, or the CIDRs given) into a named
 * Corporate/VPN range with an expiry (the IP-range service: overlap rules, created_by, audit event, and
 * the enrichment cache refreshed), then dismisses as benign true positive every open or in-progress
 * travel, country or IP alert whose activities' IPs all fall inside the range, the source alert included.
 * New activities from the range are enriched with its category within seconds (the worker polls the
 * ranges' change stamp), so the policies' Corporate/VPN rules apply to them from then on.
 *
 * Analysts are held to what the alert shows: CIDRs of at most /24 (/64) containing one of its IPs, an
 * expiry within 90 days, and dismissals on the alert's own connector only. Admins are not (they have the
 * IP-range editor anyway).
 */
export const markAlertEgress = async (
  options: Readonly<{ actor: Pick<Principal, "userId" | "email" | "name" | "role" | "ip">; alertId: string; input: TAlertEgressInput; now?: Date }>,
): Promise<TAlertEgressResult> => {
  const { actor, alertId, input } = options;
  assertCanTriage(actor);
  const alert = await findAlertById(alertId);
  if (!alert) throw new AppError("not_found", "Alert not found");
  if (!isEgressPolicyKey(alert.policyKey)) {
    throw new AppError("bad_request", "Only impossible travel, infrequent country, anonymous IP and suspicious IP alerts can be marked as egress");
  }
  const alertIps = await listAlertIps(alertId);
  const cidrs = input.cidrs ?? defaultEgressCidrs(alertIps);
  const rangeInput = toRangeInput(input, cidrs);
  assertPublicCidrs(rangeInput.cidrs);
  const isAnalyst = actor.role !== "admin";
  if (isAnalyst) {
    assertAnalystEgressCidrs(rangeInput.cidrs, alertIps);
    const now = options.now ?? new Date();
    // Whole days: the dialog sends the end of the chosen (local) day, so the 90th day counts in full.
    if (Date.parse(input.expiresAt) > now.getTime() + (ANALYST_MAX_EGRESS_DAYS + 1) * DAY_MS) {
      const reason = `Analysts may mark egress for at most ${ANALYST_MAX_EGRESS_DAYS} days; ask an admin for a longer range`;
      throw new AppError("bad_request", reason, [{ name: "expiresAt", reason }]);
    }
  }
  const range = await createIpRangeForActor({ actor, input: rangeInput, auditDetails: { alertId } });
  const alertIds = await dismissAlertsInsideEgress(triageActorOf(actor), {
    sourceAlertId: alertId,
    ...(isAnalyst ? { connectorId: alert.connectorId } : {}),
    cidrs: range.cidrs,
    policyKeys: EGRESS_POLICY_KEYS,
    reason: `Marked as egress "${range.name}" by ${actor.email}`,
    resolvedAt: options.now ?? new Date(),
    range: { id: range.id, name: range.name, category: range.category, cidrs: range.cidrs, expiresAt: range.expiresAt },
  });
  return { range, reevaluated: { dismissed: alertIds.length, alertIds } };
};
