import { sql } from "kysely";
import { getSql, type Sql } from "../db";
import { jsonRecordset } from "./json-recordset";

// Per-actor detection state (baselines, last places), read and written inside the detection transaction.

/** The stored state of each of these actors of a connector (absent: none yet). */
export const loadDetectionProfiles = async (connectorId: string, actorIds: readonly string[], db: Sql = getSql()): Promise<Map<string, unknown>> => {
  if (actorIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("detection_profiles")
    .select(["actor_id", "state"])
    .where("connector_id", "=", connectorId)
    .where("actor_id", "=", sql<string>`ANY(${[...actorIds]}::text[])`)
    .execute();
  return new Map(rows.map((r) => [r.actor_id, r.state]));
};

/** Replaces the state of each actor in `profiles`, in one statement. */
export const saveDetectionProfiles = async (connectorId: string, profiles: ReadonlyMap<string, unknown>, db: Sql = getSql()): Promise<void> => {
  if (profiles.size === 0) return;
  const r = jsonRecordset("r", { actor_id: "text", state: "jsonb" }, [...profiles].map(([actor_id, state]) => ({ actor_id, state })));
  await db
    .insertInto("detection_profiles")
    .columns(["connector_id", "actor_id", "state", "updated_at"])
    .expression((eb) => eb.selectFrom(r).select((s) => [sql<string>`${connectorId}::uuid`.as("connector_id"), "r.actor_id", "r.state", s.fn<Date>("now").as("updated_at")]))
    .onConflict((oc) => oc.columns(["connector_id", "actor_id"]).doUpdateSet((eb) => ({ state: eb.ref("excluded.state"), updated_at: eb.fn<Date>("now") })))
    .execute();
};
