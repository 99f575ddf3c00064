import { AppError } from "../../../shared/errors";
import type { TAlertListDto, TAlertListQuery } from "../../../shared/schemas/alerts";
import { listAlerts as selectAlerts } from "../../repositories/alert-repository";
import { toAlertDto } from "./alert-dto";

type TCursor = { createdAt: Date; id: string };

const encodeCursor = (c: TCursor): string => Buffer.from(JSON.stringify([c.createdAt.toISOString(), c.id])).toString("base64url");

const decodeCursor = (text: string): TCursor => {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown[];
    const createdAt = new Date(String(at));
    if (typeof id !== "string" || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(createdAt.getTime())) throw new Error("bad cursor");
    return { createdAt, id };
  } catch {
    throw new AppError("validation_failed", "Invalid query: cursor: cursor must be a value returned as nextCursor", [{ name: "cursor", reason: "cursor must be a value returned as nextCursor" }]);
  }
};

/** One page of alerts, newest first, with the filters of GET /api/v1/alerts. */
export const listAlerts = async (query: Partial<TAlertListQuery> & { limit: number }): Promise<TAlertListDto> => {
  const { rows, next } = await selectAlerts({
    filters: {
      statuses: query.status,
      severities: query.severity,
      policyKey: query.policyKey,
      user: query.user,
      connectorId: query.connectorId,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    },
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit,
  });
  return { data: rows.map(toAlertDto), nextCursor: next ? encodeCursor(next) : null };
};
