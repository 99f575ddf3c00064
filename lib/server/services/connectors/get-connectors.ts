import { AppError } from "../../../shared/errors";
import type { TConnectorDto, TConnectorHistoryEntry } from "../../../shared/schemas/connectors";
import { findConnectorRecord, listConnectorEvents, listConnectorRecords, type ConnectorRecord } from "../../repositories/connector-repository";
import { countRecentRequests, findRateBuckets } from "../../repositories/rate-bucket-repository";
import { sumHourlyRollupsSince } from "../../repositories/rollup-repository";
import { toConnectorDto } from "./connector-dto";
import { describeRateBudgets } from "./rate-budgets";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const withLiveStats = async (records: ConnectorRecord[], now: Date): Promise<TConnectorDto[]> => {
  // The 24 hourly rollups ending with the current hour (kept current by the worker within seconds): no scan of activities.
  const [requests, last24h, buckets] = await Promise.all([
    countRecentRequests(records.map((r) => r.rateBucketKey)),
    sumHourlyRollupsSince(records.map((r) => r.id), new Date(now.getTime() - DAY_MS + HOUR_MS)),
    findRateBuckets(records.map((r) => r.rateBucketKey)),
  ]);
  return records.map((r) =>
    toConnectorDto(r, { activitiesLast24h: last24h.get(r.id) ?? 0, requestsLastMinute: requests.get(r.rateBucketKey) ?? 0, rateBudgets: describeRateBudgets(r.rateBucketKey, buckets) }, now),
  );
};

export const listConnectors = async (now: Date = new Date()): Promise<TConnectorDto[]> => withLiveStats(await listConnectorRecords(), now);

export const getConnectorOrThrow = async (id: string, now: Date = new Date()): Promise<TConnectorDto> => {
  const record = await findConnectorRecord(id);
  if (!record) throw new AppError("not_found", "Connector not found");
  const [dto] = await withLiveStats([record], now);
  return dto as TConnectorDto;
};

export const getConnectorHistory = async (id: string): Promise<TConnectorHistoryEntry[]> =>
  (await listConnectorEvents(id)).map((e) => ({
    id: e.id.toString(),
    at: e.at.toISOString(),
    kind: e.kind,
    status: e.status,
    detail: e.detail,
    actorEmail: e.actorEmail,
  }));
