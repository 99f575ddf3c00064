import { AppError } from "../../../shared/errors";
import type { TPortalUserRef } from "../../../shared/schemas/alerts";
import { findUserById } from "../../repositories/user-repository";

const refuse = (reason: string): never => {
  throw new AppError("bad_request", reason, [{ name: "assigneeId", reason }]);
};

/**
 * The portal user an alert may be assigned to: enabled, analyst or admin. undefined (no change) and null
 * (unassign) pass through.
 */
export const resolveAssignee = async (assigneeId: string | null | undefined): Promise<TPortalUserRef | null | undefined> => {
  if (assigneeId === undefined || assigneeId === null) return assigneeId;
  const user = await findUserById(assigneeId);
  if (!user) return refuse(`Unknown user ${assigneeId}`);
  const who = `${user.name} (${user.email})`;
  if (user.disabled) return refuse(`${who} is disabled and cannot be assigned`);
  if (user.role === "viewer") return refuse(`${who} is a viewer and cannot be assigned`);
  return { id: user.id, name: user.name, email: user.email };
};
