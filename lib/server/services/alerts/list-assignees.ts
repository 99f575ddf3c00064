import type { TAlertAssigneeDto } from "../../../shared/schemas/alerts";
import { listUsers } from "../../repositories/user-repository";

/** Enabled analysts and admins, by name: whom an alert can be assigned to. */
export const listAssignees = async (): Promise<TAlertAssigneeDto[]> =>
  (await listUsers())
    .filter((u) => !u.disabled && u.role !== "viewer")
    .map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role as TAlertAssigneeDto["role"] }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
