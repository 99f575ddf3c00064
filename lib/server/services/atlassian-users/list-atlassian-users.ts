import { AppError } from "../../../shared/errors";
import { encodeCursor, type TAtlassianUserList, type TAtlassianUsersQuery } from "../../../shared/schemas/atlassian-users";
import { listAtlassianUsers as selectUsers } from "../../repositories/atlassian-user-repository";
import { toAtlassianUserDto } from "./atlassian-user-dto";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CURSOR_ERROR = "cursor must be a value returned as nextCursor";

/** One page of the Atlassian accounts of every connector, by name, with the query's filters. */
export const listAtlassianUsers = async (query: TAtlassianUsersQuery): Promise<TAtlassianUserList> => {
  const [sortKey, id] = query.cursor ?? [];
  if (id !== undefined && !UUID.test(id)) {
    throw new AppError("validation_failed", `Invalid query: cursor: ${CURSOR_ERROR}`, [{ name: "cursor", reason: CURSOR_ERROR }]);
  }
  const { rows, hasMore } = await selectUsers({
    q: query.q || undefined,
    connectorId: query.connectorId,
    status: query.status,
    isAdmin: query.admin,
    after: sortKey !== undefined && id !== undefined ? [sortKey, id] : undefined,
    limit: query.limit,
  });
  const last = rows[rows.length - 1];
  return { data: rows.map(toAtlassianUserDto), nextCursor: hasMore && last ? encodeCursor([last.sortKey, last.id]) : null };
};
