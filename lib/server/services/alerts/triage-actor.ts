import { AppError } from "../../../shared/errors";
import { hasRole } from "../../../shared/roles";
import type { TTriageActor } from "../../repositories/alert-triage-repository";
import type { Principal } from "../principal";

type Actor = Pick<Principal, "userId" | "email" | "name" | "role">;

/**
 * Viewers read alerts; analysts and admins triage them. Route handlers check the role too: this keeps
 * the rule where the data is, for the worker and any other caller of the services.
 */
export const assertCanTriage = (actor: Pick<Principal, "role">): void => {
  if (!hasRole(actor.role, "analyst")) throw new AppError("forbidden", `Triaging alerts needs the analyst role; you are ${actor.role}`);
};

/** The person recorded on history events and comments (name and email kept as they are now). */
export const triageActorOf = (actor: Actor): TTriageActor & { name: string; email: string } => ({ id: actor.userId, email: actor.email, name: actor.name });
