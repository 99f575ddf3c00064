import "server-only";
import { forbidden, redirect } from "next/navigation";
import { hasRole, type TRole } from "../../shared/roles";
import type { Principal } from "../services/principal";
import { getCurrentPrincipal } from "./current-principal";

/** For pages: redirects to /login when signed out, renders the 403 page when the role is too low. */
export const requirePageUser = async (options: Readonly<{ role?: TRole; path: string }>): Promise<Principal> => {
  const principal = await getCurrentPrincipal();
  if (!principal || principal.via !== "session") redirect(`/login?callbackUrl=${encodeURIComponent(options.path)}`);
  if (options.role && !hasRole(principal.role, options.role)) forbidden();
  return principal;
};
