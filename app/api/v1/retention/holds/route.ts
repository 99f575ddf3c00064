// POST /api/v1/retention/holds – put a connector or an account on legal hold (admin)
import { withRoute } from "@/lib/server/http/with-route";
import { createLegalHold } from "@/lib/server/services/retention/legal-holds";
import { retentionContracts } from "@/lib/shared/contracts/retention";

export const POST = withRoute(retentionContracts.createHold, ({ principal, body }) => createLegalHold({ actor: principal, input: body }));
