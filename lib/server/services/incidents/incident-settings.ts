import { INCIDENT_WINDOW_HOURS, type TIncidentSettings } from "../../../shared/schemas/incidents";
import { AppError } from "../../../shared/errors";
import { hasRole } from "../../../shared/roles";
import { appendAuditEvent } from "../../repositories/audit-repository";
import { saveIncidentWindow } from "../../repositories/incident-detail-repository";
import { readWindowHours } from "../../repositories/incident-grouping-repository";
import type { Principal } from "../principal";

/** GET /api/v1/incidents/settings: the grouping window (24 h until an admin changes it). */
export const getIncidentSettings = async (): Promise<TIncidentSettings> => ({ windowHours: await readWindowHours() });

/**
 * PUT /api/v1/incidents/settings (admin, audited). Detection reads the window in each batch's transaction, so the
 * next batch groups with it; incidents already formed keep their joinable_until until their next alert.
 */
export const saveIncidentSettings = async (options: Readonly<{ actor: Pick<Principal, "userId" | "email" | "role">; input: TIncidentSettings }>): Promise<TIncidentSettings> => {
  const { actor, input } = options;
  if (!hasRole(actor.role, "admin")) throw new AppError("forbidden", `Changing incident settings needs the admin role; you are ${actor.role}`);
  const before = await saveIncidentWindow(input.windowHours, actor.userId);
  await appendAuditEvent({
    action: "incident.settings_changed",
    actorId: actor.userId,
    actorEmail: actor.email,
    targetType: "incident_settings",
    targetId: "default",
    details: { windowHoursBefore: before ?? INCIDENT_WINDOW_HOURS.default, windowHours: input.windowHours },
  });
  return { windowHours: input.windowHours };
};
