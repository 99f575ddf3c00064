// GET /api/v1/me – the caller (session or token) and its role
import { withRoute } from "@/lib/server/http/with-route";
import { systemContracts } from "@/lib/shared/contracts/system";

export const GET = withRoute(systemContracts.me, async ({ principal }) => ({
  id: principal.userId,
  email: principal.email,
  name: principal.name,
  role: principal.role,
  authenticatedBy: principal.via,
  mustChangePassword: principal.mustChangePassword ?? false,
}));
