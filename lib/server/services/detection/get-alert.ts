import { AppError } from "../../../shared/errors";
import type { TAlertDto } from "../../../shared/schemas/alerts";
import { findAlertById } from "../../repositories/alert-repository";
import { toAlertDto } from "./alert-dto";

export const getAlertOrThrow = async (id: string): Promise<TAlertDto> => {
  const row = await findAlertById(id);
  if (!row) throw new AppError("not_found", "Alert not found");
  return toAlertDto(row);
};
