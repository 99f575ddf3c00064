// DELETE /api/v1/tokens/{id} – revoke a token (its owner, or an admin)
import { withRoute } from "@/lib/server/http/with-route";
import { revokeToken } from "@/lib/server/services/tokens/revoke-token";
import { tokenContracts } from "@/lib/shared/contracts/tokens";

export const DELETE = withRoute(tokenContracts.revoke, ({ principal, params }) => revokeToken({ actor: principal, id: params.id }));
