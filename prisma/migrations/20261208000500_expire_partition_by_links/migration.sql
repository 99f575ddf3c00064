-- Retention's partition drop, faster (issue 23, bench:scale: 12 s for a month of 1.3M rows, the target is under a
-- second), in two steps:
-- 1. activities_expire_partition: the rows to keep are found from alert_activities (one probe of the partition's key
--    per link, instead of probing alert_activities once per row of the month), held rows are looked for only while a
--    legal hold is active, then the month is detached and renamed activities_pYYYYMM_expired, and the kept rows take
--    its place under its name and range. Its transaction holds the lock on activities only for the detach and attach.
--    It returns the rows kept: the caller counts the detached month afterwards (nothing writes to it any more), so
--    counting a month of rows for the run's record happens outside the lock too.
-- 2. activities_drop_expired_partitions: drops the detached months. Removing gigabytes of files takes a second or more
--    at commit, and no longer under the lock on activities. A crash between the two leaves an _expired table that the
--    next run drops (it calls this first: step 1 refuses to rename onto a leftover).
-- Bodies are E'' strings with \x3b for semicolons: Prisma's migration runner splits scripts on every semicolon.
DROP FUNCTION activities_expire_partition(text);
CREATE FUNCTION activities_expire_partition(part text) RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS E'
DECLARE
  keep text := part || ''_keep''\x3b
  bound text\x3b
  kept bigint\x3b
  held bigint := 0\x3b
BEGIN
  IF part !~ ''^activities_p[0-9]{6}$'' OR NOT EXISTS (
    SELECT 1 FROM pg_inherits i WHERE i.inhrelid = to_regclass(part) AND i.inhparent = ''activities''::regclass
  ) THEN
    RAISE EXCEPTION ''not a monthly partition of activities: %'', part\x3b
  END IF\x3b
  -- DETACH and ATTACH lock activities: behind a long export every query would queue. Give up (the next run retries).
  PERFORM set_config(''lock_timeout'', ''5s'', true)\x3b
  SELECT pg_get_expr(c.relpartbound, c.oid) INTO bound FROM pg_class c WHERE c.oid = to_regclass(part)\x3b
  EXECUTE format(''CREATE TABLE %I (LIKE activities INCLUDING DEFAULTS INCLUDING GENERATED)'', keep)\x3b
  EXECUTE format(''INSERT INTO %I SELECT a.* FROM %I a WHERE a.seq IN (SELECT l.activity_seq FROM alert_activities l)'', keep, part)\x3b
  GET DIAGNOSTICS kept = ROW_COUNT\x3b
  IF EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL) THEN
    EXECUTE format(''INSERT INTO %I SELECT a.* FROM %I a WHERE EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL
        AND h.connector_id = a.connector_id AND (h.user_account_id IS NULL OR h.user_account_id = a.actor_id))
      AND NOT EXISTS (SELECT 1 FROM alert_activities l WHERE l.activity_seq = a.seq)'', keep, part)\x3b
    GET DIAGNOSTICS held = ROW_COUNT\x3b
    kept := kept + held\x3b
  END IF\x3b
  EXECUTE format(''ALTER TABLE activities DETACH PARTITION %I'', part)\x3b
  EXECUTE format(''ALTER TABLE %I RENAME TO %I'', part, part || ''_expired'')\x3b
  IF kept > 0 THEN
    EXECUTE format(''ALTER TABLE %I RENAME TO %I'', keep, part)\x3b
    EXECUTE format(''ALTER TABLE activities ATTACH PARTITION %I %s'', part, bound)\x3b
  ELSE
    EXECUTE format(''DROP TABLE %I'', keep)\x3b
  END IF\x3b
  RETURN kept\x3b
END ';

CREATE FUNCTION activities_drop_expired_partitions() RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS E'
DECLARE
  t text\x3b
  dropped integer := 0\x3b
BEGIN
  FOR t IN SELECT c.relname FROM pg_class c WHERE c.relkind = ''r'' AND NOT c.relispartition
      AND c.relname ~ ''^activities_p[0-9]{6}_expired$'' AND c.relnamespace = current_schema()::regnamespace LOOP
    EXECUTE format(''DROP TABLE %I'', t)\x3b
    dropped := dropped + 1\x3b
  END LOOP\x3b
  RETURN dropped\x3b
END ';
