import { encodeActivityCursor, type TActivityCursor, type TActivityDto, type TActivityListQuery, type TActivityPage } from "../../../shared/schemas/activities";
import { findActivityPage, type ActivityQueryFilter, type ActivityRow } from "../../repositories/activity-query-repository";
import { getConnectorNames } from "../connectors/connector-names";
import { resolveActivityFilter } from "./resolve-activity-filter";

export type ListActivitiesOptions = Readonly<{ query: TActivityListQuery }>;

export const withConnectorName = (row: ActivityRow, names: ReadonlyMap<string, string>): TActivityDto => ({
  ...row,
  connectorName: names.get(row.connectorId) ?? null,
});

/** The page after `cursor` plus the cursor of the next one (null on the last page). */
export const findActivityPageWithCursor = async (
  filter: ActivityQueryFilter,
  cursor: TActivityCursor | null,
  limit: number,
): Promise<{ rows: ActivityRow[]; nextCursor: string | null }> => {
  const rows = await findActivityPage(filter, cursor, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeActivityCursor({ time: last.time, seq: last.id }) : null };
};

/** GET /api/v1/activities: one keyset page of the activity log, newest first. */
export const listActivities = async ({ query }: ListActivitiesOptions): Promise<TActivityPage> => {
  const filter = await resolveActivityFilter(query);
  const { rows, nextCursor } = await findActivityPageWithCursor(filter, query.cursor ?? null, query.limit);
  const names = await getConnectorNames(new Set(rows.map((r) => r.connectorId)));
  return { data: rows.map((r) => withConnectorName(r, names)), nextCursor };
};
