import "server-only";
import { forbidden, redirect } from "next/navigation";
import { hasRole, type TRole } from "../../shared/roles";
import type { Principal } from "../services/principal";
import { getCurrentPrincipal } from "./current-principal";

/** The page where a user with a temporary password chooses a new one; every other page sends them there. */
export const CHANGE_PASSWORD_PATH = "/settings/password";

/**
 * For pages: redirects to /login when signed out, to the change-password page while an admin's temporary
 * password is unchanged, and renders the 403 page when the role is too low.
 */
export const requirePageUser = async (options: Readonly<{ role?: TRole; path: string }>): Promise<Principal> => {
  const principal = await getCurrentPrincipal();
  if (!principal || principal.via !== "session") redirect(`/login?callbackUrl=${encodeURIComponent(options.path)}`);
  if (principal.mustChangePassword && options.path !== CHANGE_PASSWORD_PATH) redirect(CHANGE_PASSWORD_PATH);
  if (options.role && !hasRole(principal.role, options.role)) forbidden();
  return principal;
};
