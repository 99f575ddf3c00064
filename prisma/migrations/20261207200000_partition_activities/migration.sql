-- Function bodies are E'' strings with \x3b for their semicolons: the migration runner splits on every one
-- (as in 20261124140338_change_counters).
-- Activities become range-partitioned by event_time, one partition a month (docs/data-model.md, "Partitions of
-- activities"). Hand-written: Prisma's datamodel cannot say PARTITION BY. The datamodel's side of it is the primary
-- key (seq, event_time), the unique key (connector_id, event_id, event_time) and no foreign key from alert_activities.
--
-- In place and online: the partitioned table is built beside the live one as activities_next, a trigger mirrors
-- every write of the live table into it, the mover (npm run db:partition-activities, or the worker's maintenance
-- job) copies the older rows in batches, remembering its progress in activities_move_progress, then
-- activities_finish_move() swaps the two under a short lock. Until then every read sees the live table, whole.
-- On an empty table (a new install, the tests) the swap happens right here.

-- alert_activities keeps activity_seq without a foreign key: a partitioned table has no unique seq on its own, and
-- a foreign key would forbid dropping a month that closed alerts still link to. Links of deleted activities are
-- deleted by activities_delete_alert_links (below), dropping a partition deletes its links first.
ALTER TABLE "alert_activities" DROP CONSTRAINT "alert_activities_activity_seq_fkey";

-- Free the index names for the new table: the live table's indexes become legacy_*.
DO E'
DECLARE i record\x3b
BEGIN
  FOR i IN SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ''activities'' LOOP
    EXECUTE format(''ALTER INDEX %I RENAME TO %I'', i.indexname, left(''legacy_'' || i.indexname, 63))\x3b
  END LOOP\x3b
END ';

CREATE TABLE "activities_next" (LIKE "activities" INCLUDING DEFAULTS INCLUDING GENERATED) PARTITION BY RANGE ("event_time");
ALTER TABLE "activities_next" ADD CONSTRAINT "activities_pkey" PRIMARY KEY ("seq", "event_time");
CREATE UNIQUE INDEX "activities_connector_id_event_id_event_time_key" ON "activities_next"("connector_id", "event_id", "event_time");
CREATE INDEX "activities_event_time_seq_idx" ON "activities_next"("event_time" DESC, "seq" DESC);
CREATE INDEX "activities_actor_id_event_time_seq_idx" ON "activities_next"("actor_id", "event_time" DESC, "seq" DESC);
CREATE INDEX "activities_action_event_time_seq_idx" ON "activities_next"("action", "event_time" DESC, "seq" DESC);
CREATE INDEX "activities_country_code_event_time_seq_idx" ON "activities_next"("country_code", "event_time" DESC, "seq" DESC);
CREATE INDEX "activities_ip_event_time_idx" ON "activities_next"("ip", "event_time" DESC);
CREATE INDEX "activities_connector_id_seq_idx" ON "activities_next"("connector_id", "seq");
CREATE INDEX "activities_search_text_idx" ON "activities_next" USING GIN ("search_text" gin_trgm_ops);
CREATE INDEX "activities_session_outcome_idx" ON "activities_next" ("session_outcome", "event_time" DESC, "seq" DESC) WHERE "session_outcome" IS NOT NULL;
CREATE INDEX "activities_session_policy_ids_idx" ON "activities_next" USING GIN ("session_policy_ids") WHERE "session_outcome" IS NOT NULL;
ALTER TABLE "activities_next" ADD CONSTRAINT "activities_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Events of a month without its partition (a backfill of old history, a skewed clock) land here and never fail,
-- activities_ensure_partition moves them into their month when it creates it.
CREATE TABLE "activities_default" PARTITION OF "activities_next" DEFAULT;

-- The links of deleted activities (a connector's removal cascades here). Statement-level with a transition table:
-- one join per statement rather than one lookup per row. It fires for statements on activities only, not for the
-- rows activities_ensure_partition moves out of the default partition. activities_finish_move puts it on the
-- partitioned table: before that, the mirror's delete + insert of an updated row must not delete its links.
CREATE FUNCTION activities_delete_alert_links() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  DELETE FROM alert_activities l USING deleted d WHERE l.activity_seq = d.seq\x3b
  RETURN NULL\x3b
END ';

-- The partition of the month holding `at` (UTC months, named activities_pYYYYMM), created when missing: built
-- detached, filled with that month's rows from the default partition, then attached (ATTACH takes a lighter lock
-- than CREATE … PARTITION OF, and the CHECK spares it a scan). SECURITY DEFINER: the worker may run as an app role
-- that owns no table. Returns the partition's name.
CREATE FUNCTION activities_ensure_partition(at timestamptz) RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS E'
DECLARE
  parent text := CASE WHEN to_regclass(''activities_next'') IS NOT NULL THEN ''activities_next'' ELSE ''activities'' END\x3b
  lo timestamptz := date_trunc(''month'', at, ''UTC'')\x3b
  hi timestamptz := (date_trunc(''month'', at AT TIME ZONE ''UTC'') + interval ''1 month'') AT TIME ZONE ''UTC''\x3b
  part text := ''activities_p'' || to_char(at AT TIME ZONE ''UTC'', ''YYYYMM'')\x3b
BEGIN
  IF to_regclass(part) IS NOT NULL THEN RETURN part\x3b END IF\x3b
  -- Behind a long reader of the default partition, give up rather than queue every later query behind this one.
  PERFORM set_config(''lock_timeout'', ''10s'', true)\x3b
  PERFORM pg_advisory_xact_lock(hashtext(''activities_ensure_partition''))\x3b
  IF to_regclass(part) IS NOT NULL THEN RETURN part\x3b END IF\x3b
  EXECUTE format(''CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING GENERATED)'', part, parent)\x3b
  EXECUTE format(''ALTER TABLE %I ADD CONSTRAINT %I CHECK (event_time >= %L AND event_time < %L)'', part, part || ''_range'', lo, hi)\x3b
  -- No insert may reach the default partition between the move and the attach (the attach would find it there).
  LOCK TABLE activities_default IN EXCLUSIVE MODE\x3b
  EXECUTE format(''WITH moved AS (DELETE FROM activities_default WHERE event_time >= %L AND event_time < %L RETURNING *) INSERT INTO %I SELECT * FROM moved'', lo, hi, part)\x3b
  EXECUTE format(''ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)'', parent, part, lo, hi)\x3b
  EXECUTE format(''ALTER TABLE %I DROP CONSTRAINT %I'', part, part || ''_range'')\x3b
  RETURN part\x3b
END ';

-- The swap: under a lock on the live table, copy what the mover has not, check both hold the same rows, and let the
-- partitioned table take the name. Called by the mover once it has caught up, and right below for an empty table.
CREATE FUNCTION activities_finish_move() RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS E'
DECLARE
  live bigint\x3b
  copied bigint\x3b
BEGIN
  -- Queued behind a long reader (an export), the lock would stall every query: give up, the mover can be run again.
  PERFORM set_config(''lock_timeout'', ''10s'', true)\x3b
  LOCK TABLE activities IN ACCESS EXCLUSIVE MODE\x3b
  INSERT INTO activities_next SELECT * FROM activities
    WHERE seq > coalesce((SELECT last_seq FROM activities_move_progress), 0) ON CONFLICT DO NOTHING\x3b
  SELECT count(*) INTO live FROM activities\x3b
  SELECT count(*) INTO copied FROM activities_next\x3b
  IF live <> copied THEN
    RAISE EXCEPTION ''activities move: % rows in activities but % in activities_next'', live, copied\x3b
  END IF\x3b
  DROP TRIGGER activities_mirror ON activities\x3b
  ALTER TABLE activities RENAME TO activities_legacy\x3b
  ALTER TABLE activities_next RENAME TO activities\x3b
  CREATE TRIGGER activities_delete_alert_links AFTER DELETE ON activities REFERENCING OLD TABLE AS deleted
    FOR EACH STATEMENT EXECUTE FUNCTION activities_delete_alert_links()\x3b
  ALTER SEQUENCE activities_seq_seq OWNED BY activities.seq\x3b
  DROP TABLE activities_legacy\x3b
  DROP TABLE activities_move_progress\x3b
  DROP FUNCTION activities_mirror()\x3b
  RETURN copied\x3b
END ';

-- Until the swap, every write of the live table is mirrored (an update as delete + insert: its event time may move it).
CREATE FUNCTION activities_mirror() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP IN (''UPDATE'', ''DELETE'') THEN
    DELETE FROM activities_next WHERE seq = OLD.seq AND event_time = OLD.event_time\x3b
  END IF\x3b
  IF TG_OP IN (''INSERT'', ''UPDATE'') THEN
    INSERT INTO activities_next SELECT NEW.* ON CONFLICT DO NOTHING\x3b
  END IF\x3b
  RETURN NULL\x3b
END ';
CREATE TRIGGER activities_mirror AFTER INSERT OR UPDATE OR DELETE ON "activities" FOR EACH ROW EXECUTE FUNCTION activities_mirror();
CREATE TRIGGER activities_delete_alert_links_legacy AFTER DELETE ON "activities" REFERENCING OLD TABLE AS deleted
  FOR EACH STATEMENT EXECUTE FUNCTION activities_delete_alert_links();

CREATE TABLE activities_move_progress (
  id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  last_seq bigint NOT NULL DEFAULT 0,
  rows_copied bigint NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO activities_move_progress DEFAULT VALUES;

-- This month and the next three exist from the start, the maintenance job keeps creating them ahead.
SELECT activities_ensure_partition(now() + make_interval(months => m)) FROM generate_series(0, 3) m;

DO E'
BEGIN
  IF NOT EXISTS (SELECT 1 FROM activities LIMIT 1) THEN PERFORM activities_finish_move()\x3b END IF\x3b
END ';

-- Retention's primitive (issue 23 part 2): drop one month whole, never row by row. Deletes the month's alert links
-- first (nothing else references activities), then detaches and drops it, only a monthly partition of activities.
CREATE FUNCTION activities_drop_partition(part text) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS E'
DECLARE
  links bigint\x3b
BEGIN
  IF part !~ ''^activities_p[0-9]{6}$'' OR NOT EXISTS (
    SELECT 1 FROM pg_inherits i WHERE i.inhrelid = to_regclass(part) AND i.inhparent = ''activities''::regclass
  ) THEN
    RAISE EXCEPTION ''not a monthly partition of activities: %'', part\x3b
  END IF\x3b
  -- DETACH and DROP take an exclusive lock on activities (DETACH CONCURRENTLY is refused with a default partition and
  -- inside a function): a short one, but behind a long export it would make every query wait. Give up instead.
  PERFORM set_config(''lock_timeout'', ''5s'', true)\x3b
  EXECUTE format(''DELETE FROM alert_activities l USING %I a WHERE l.activity_seq = a.seq'', part)\x3b
  GET DIAGNOSTICS links = ROW_COUNT\x3b
  EXECUTE format(''ALTER TABLE activities DETACH PARTITION %I'', part)\x3b
  EXECUTE format(''DROP TABLE %I'', part)\x3b
  RETURN links\x3b
END ';
