// POST /api/v1/me/password – change one's own password (session only; the current password required)
import { setSessionCookie } from "@/lib/server/auth/session-cookie";
import { withRoute } from "@/lib/server/http/with-route";
import { changePassword } from "@/lib/server/services/auth/change-password";
import { systemContracts } from "@/lib/shared/contracts/system";

export const POST = withRoute(systemContracts.changePassword, async ({ principal, body }) => {
  const { user, session } = await changePassword({ actor: principal, input: body });
  // Every session of the user ended with the change: this browser goes on with a new one.
  await setSessionCookie(principal, session);
  return user;
});
