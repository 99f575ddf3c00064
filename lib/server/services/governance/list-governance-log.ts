import { AppError } from "../../../shared/errors";
import { encodeCursor, ZCursor } from "../../../shared/schemas/atlassian-users";
import type { TGovernanceLogDto, TGovernanceLogQuery } from "../../../shared/schemas/governance";
import { listGovernanceActions } from "../../repositories/governance-repository";
import { toGovernanceActionDto } from "./governance-dto";

const CURSOR_MESSAGE = "cursor must be a value returned as nextCursor";

/** The keyset cursor of the log (the same opaque format as the users list): [createdAt ISO, id]. */
const decodeLogCursor = (cursor: string): { createdAt: Date; id: string } => {
  const parsed = ZCursor(2).safeParse(cursor);
  const [at = "", id = ""] = parsed.success ? parsed.data : [];
  const createdAt = new Date(at);
  if (!parsed.success || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new AppError("validation_failed", `Invalid query: cursor: ${CURSOR_MESSAGE}`, [{ name: "cursor", reason: CURSOR_MESSAGE }]);
  }
  return { createdAt, id };
};

/** GET /api/v1/governance-log: newest first, filtered, keyset-paginated. */
export const listGovernanceLog = async (query: TGovernanceLogQuery): Promise<TGovernanceLogDto> => {
  const { cursor, limit, ...filters } = query;
  const { rows, hasMore } = await listGovernanceActions({ filters, after: cursor ? decodeLogCursor(cursor) : undefined, limit });
  const last = rows[rows.length - 1];
  return { data: rows.map(toGovernanceActionDto), nextCursor: hasMore && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
};
