// GET /api/v1/me – the caller (session or token) and its role
import { withRoute } from "@/lib/server/http/with-route";

export const GET = withRoute({
  auth: "viewer",
  allowsPendingPasswordChange: true,
  handler: async ({ principal }) => ({
    id: principal.userId,
    email: principal.email,
    name: principal.name,
    role: principal.role,
    authenticatedBy: principal.via,
    mustChangePassword: principal.mustChangePassword ?? false,
  }),
});
