import { AppError } from "../../../shared/errors";
import { LIVE_WINDOW_MS, proxySessionStatusOf, type TProxySessionDto, type TProxySessionPage, type TProxySessionQuery } from "../../../shared/schemas/proxy-sessions";
import { listProxySessions, type TProxySessionRow } from "../../repositories/proxy-session-repository";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const toProxySessionDto = (row: TProxySessionRow, now: Date): TProxySessionDto => ({
  ...row,
  startedAt: row.startedAt.toISOString(),
  lastActivityAt: row.lastActivityAt.toISOString(),
  endedAt: row.endedAt?.toISOString() ?? null,
  status: proxySessionStatusOf(row, now),
});

// The cursor is the last row's sort key, opaque to clients: base64url("<ISO time>|<uuid>").
const encodeCursor = (row: TProxySessionRow): string => Buffer.from(`${row.lastActivityAt.toISOString()}|${row.id}`).toString("base64url");

const decodeCursor = (cursor: string): { lastActivityAt: Date; id: string } => {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const lastActivityAt = new Date(iso ?? "");
  if (!id || !UUID.test(id) || Number.isNaN(lastActivityAt.getTime())) {
    throw new AppError("validation_failed", "cursor must be a value returned as nextCursor", [{ name: "cursor", reason: "cursor must be a value returned as nextCursor" }]);
  }
  return { lastActivityAt, id };
};

/** One page of proxied sessions for /sessions, with their live/idle/ended status as of `now`. */
export const listProxySessionPage = async (query: TProxySessionQuery, now: Date = new Date()): Promise<TProxySessionPage> => {
  const rows = await listProxySessions({
    connectorId: query.connectorId,
    status: query.status,
    text: query.q || undefined,
    liveSince: new Date(now.getTime() - LIVE_WINDOW_MS),
    after: query.cursor ? decodeCursor(query.cursor) : null,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { data: page.map((r) => toProxySessionDto(r, now)), nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
};
