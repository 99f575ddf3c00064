-- Retention's partition drop (issue 23, docs/retention.md): a month of activities past retention goes whole, but the
-- rows that must stay (linked to an alert, which keeps every alert's evidence, or covered by an active legal hold on
-- their connector or actor) are copied into a new table first, which then takes the partition's place under the same
-- name and range. No row-by-row delete, no alert link removed. SECURITY DEFINER like activities_drop_partition: the
-- worker may run as an app role that owns no table. Returns the rows removed and kept. The body is an E'' string
-- with \x3b for semicolons: Prisma's migration runner splits scripts on every semicolon.
CREATE FUNCTION activities_expire_partition(part text, OUT removed bigint, OUT kept bigint) LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS E'
DECLARE
  keep text := part || ''_keep''\x3b
  bound text\x3b
  total bigint\x3b
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
  EXECUTE format(''INSERT INTO %I SELECT a.* FROM %I a WHERE EXISTS (SELECT 1 FROM alert_activities l WHERE l.activity_seq = a.seq)
    OR EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL AND h.connector_id = a.connector_id
      AND (h.user_account_id IS NULL OR h.user_account_id = a.actor_id))'', keep, part)\x3b
  GET DIAGNOSTICS kept = ROW_COUNT\x3b
  EXECUTE format(''SELECT count(*) FROM %I'', part) INTO total\x3b
  EXECUTE format(''ALTER TABLE activities DETACH PARTITION %I'', part)\x3b
  EXECUTE format(''DROP TABLE %I'', part)\x3b
  IF kept > 0 THEN
    EXECUTE format(''ALTER TABLE %I RENAME TO %I'', keep, part)\x3b
    EXECUTE format(''ALTER TABLE activities ATTACH PARTITION %I %s'', part, bound)\x3b
  ELSE
    EXECUTE format(''DROP TABLE %I'', keep)\x3b
  END IF\x3b
  removed := total - kept\x3b
END ';
