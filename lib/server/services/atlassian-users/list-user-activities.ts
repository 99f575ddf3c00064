import { encodeCursor, type TUserActivitiesQuery, type TUserActivityList } from "../../../shared/schemas/atlassian-users";
import { AppError } from "../../../shared/errors";
import { listUserActivities as selectActivities } from "../../repositories/activity-repository";
import { getAtlassianUserRowOrThrow } from "./get-atlassian-user";

/** An Atlassian account's activity timeline, newest first, keyset-paginated. */
export const listUserActivities = async (options: Readonly<{ id: string; query: TUserActivitiesQuery }>): Promise<TUserActivityList> => {
  const user = await getAtlassianUserRowOrThrow(options.id);
  const [time, seq] = options.query.cursor ?? [];
  if (time !== undefined && (Number.isNaN(Date.parse(time)) || !/^\d{1,19}$/.test(seq ?? ""))) {
    throw new AppError("validation_failed", "Invalid query: cursor: cursor must be a value returned as nextCursor", [
      { name: "cursor", reason: "cursor must be a value returned as nextCursor" },
    ]);
  }
  const { rows, hasMore } = await selectActivities({
    connectorId: user.connectorId,
    accountId: user.accountId,
    before: time !== undefined && seq !== undefined ? [time, seq] : undefined,
    limit: options.query.limit,
  });
  const last = rows[rows.length - 1];
  return {
    data: rows.map((r) => ({
      id: r.seq,
      eventId: r.eventId,
      time: r.eventTime.toISOString(),
      action: r.action,
      actionName: r.actionName,
      product: r.product,
      targetName: r.targetName,
      ip: r.ip,
      countryCode: r.countryCode,
      country: r.country,
      city: r.city,
    })),
    nextCursor: hasMore && last ? encodeCursor([last.eventTime.toISOString(), last.seq]) : null,
  };
};
