import { AppError } from "../../../shared/errors";
import { RETENTION_KINDS, retentionField, type TRetentionDto, type TRetentionSettingsInput } from "../../../shared/schemas/retention";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { saveRetentionSettingsRow, type RetentionSettingsRow } from "../../repositories/retention-repository";
import type { Principal } from "../principal";
import { loadRetentionPeriods } from "./plan-retention";
import { getRetention } from "./retention-dto";
import { rowField } from "./retention-periods";

/** Saves the periods an admin may change; one fixed by the environment must be sent unchanged (or it is a 400). */
export const saveRetentionSettings = async (options: Readonly<{ actor: Pick<Principal, "userId" | "email" | "ip">; input: TRetentionSettingsInput }>): Promise<TRetentionDto> => {
  const { actor, input } = options;
  const current = await loadRetentionPeriods();
  const locked = current.filter((p) => p.source === "environment" && input[retentionField(p.kind)] !== p.days);
  if (locked.length > 0) {
    throw new AppError(
      "validation_failed",
      `${locked.map((p) => p.label).join(", ")}: set by ${locked.map((p) => p.envVar).join(", ")}; change the environment variable instead`,
      locked.map((p) => ({ name: retentionField(p.kind), reason: `Set by ${p.envVar}` })),
    );
  }
  const row = Object.fromEntries(RETENTION_KINDS.map((kind) => [rowField(kind), input[retentionField(kind)]])) as RetentionSettingsRow;
  await saveRetentionSettingsRow(row, actor.userId);
  const changed = current.filter((p) => input[retentionField(p.kind)] !== p.days);
  await appendAuditEvent({
    action: "retention.settings_changed",
    actorId: actor.userId,
    actorEmail: actor.email,
    ip: actor.ip,
    targetType: "retention",
    targetName: "Data retention",
    details: Object.fromEntries(changed.map((p) => [retentionField(p.kind), `${p.days} → ${input[retentionField(p.kind)]}`])),
  });
  return getRetention();
};
