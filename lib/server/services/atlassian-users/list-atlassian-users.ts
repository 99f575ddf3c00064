import { AppError } from "../../../shared/errors";
import { encodeCursor, type TAtlassianUserList, type TAtlassianUsersQuery } from "../../../shared/schemas/atlassian-users";
import { listAtlassianUsers as selectUsers } from "../../repositories/atlassian-user-repository";
import { toAtlassianUserDto } from "./atlassian-user-dto";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CURSOR_ERROR = "cursor must be a value returned as nextCursor";

/** One page of the Atlassian accounts of every connector, by priority (default) or name, with the query's filters. */
export const listAtlassianUsers = async (query: TAtlassianUsersQuery): Promise<TAtlassianUserList> => {
  const isPriority = query.sort === "priority";
  const cursor = query.cursor ?? [];
  // By priority the cursor is [score, name key, id]; by name [name key, id].
  const [score, sortKey, id] = isPriority ? cursor : [undefined, ...cursor];
  if (query.cursor && (query.cursor.length !== (isPriority ? 3 : 2) || !UUID.test(id ?? "") || (isPriority && !/^\d{1,9}$/.test(score ?? "")))) {
    throw new AppError("validation_failed", `Invalid query: cursor: ${CURSOR_ERROR}`, [{ name: "cursor", reason: CURSOR_ERROR }]);
  }
  const { rows, hasMore } = await selectUsers({
    q: query.q || undefined,
    connectorId: query.connectorId,
    status: query.status,
    isAdmin: query.admin,
    sort: query.sort,
    after: sortKey !== undefined && id !== undefined ? [sortKey, id] : undefined,
    afterScore: score !== undefined ? Number(score) : undefined,
    limit: query.limit,
  });
  const last = rows[rows.length - 1];
  return { data: rows.map(toAtlassianUserDto), nextCursor: hasMore && last ? encodeCursor(isPriority ? [String(last.priorityScore), last.sortKey, last.id] : [last.sortKey, last.id]) : null };
};
