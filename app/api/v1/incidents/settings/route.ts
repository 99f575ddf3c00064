// GET /api/v1/incidents/settings – the grouping window (any role); PUT – change it (admin, audited)
import { withRoute } from "@/lib/server/http/with-route";
import { getIncidentSettings, saveIncidentSettings } from "@/lib/server/services/incidents/incident-settings";
import { incidentContracts } from "@/lib/shared/contracts/incidents";

export const GET = withRoute(incidentContracts.getSettings, () => getIncidentSettings());

export const PUT = withRoute(incidentContracts.saveSettings, ({ principal, body }) => saveIncidentSettings({ actor: principal, input: body }));
