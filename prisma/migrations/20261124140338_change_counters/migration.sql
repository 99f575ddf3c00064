-- CreateTable
CREATE TABLE "change_counters" (
    "name" TEXT NOT NULL,
    "version" BIGINT NOT NULL,

    CONSTRAINT "change_counters_pkey" PRIMARY KEY ("name")
);

-- Versions come from a sequence, not a per-row counter: they never repeat, even after the table is emptied
-- (tests truncate every table), so a cache can never mistake new data for the data it read.
CREATE SEQUENCE "change_counters_version_seq";

-- Sets the data set's version once per transaction, when it commits (deferred): the new version and the change
-- become visible together, and the row lock is held only from then until the commit, after every other lock
-- of the transaction, so two writers of alerts cannot deadlock on it.
-- Prisma's migration runner splits a script at every semicolon, so the body is an escape string whose
-- semicolons are written as \x3b.
CREATE FUNCTION "bump_change_counter"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_LEVEL = ''ROW'' AND current_setting(''watchpost.bumped_'' || TG_ARGV[0], true) = ''1'' THEN
    RETURN NULL\x3b
  END IF\x3b
  PERFORM set_config(''watchpost.bumped_'' || TG_ARGV[0], ''1'', true)\x3b
  INSERT INTO "change_counters" ("name", "version") VALUES (TG_ARGV[0], nextval(''change_counters_version_seq''))
    ON CONFLICT ("name") DO UPDATE SET "version" = EXCLUDED."version"\x3b
  RETURN NULL\x3b
END';

-- Every change of alerts counts (not only some columns): a cache that reads a column added later stays exact.
CREATE CONSTRAINT TRIGGER "alerts_change_counter" AFTER INSERT OR UPDATE OR DELETE ON "alerts"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_change_counter"('alerts');
CREATE TRIGGER "alerts_change_counter_truncate" AFTER TRUNCATE ON "alerts"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_change_counter"('alerts');

INSERT INTO "change_counters" ("name", "version") VALUES ('alerts', nextval('change_counters_version_seq'));
