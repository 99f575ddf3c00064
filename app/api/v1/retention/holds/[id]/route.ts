// DELETE /api/v1/retention/holds/{id} – release a legal hold (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { releaseLegalHoldForActor } from "@/lib/server/services/retention/legal-holds";
import { retentionContracts } from "@/lib/shared/contracts/retention";

export const DELETE = withRoute(retentionContracts.releaseHold, ({ principal, params }) => releaseLegalHoldForActor({ actor: principal, id: params.id }));
