import pg from "pg";

/**
 * Partial indexes written by hand in migrations (Prisma's datamodel cannot express a WHERE), by name, with the
 * migration that creates them. The drift test leaves them out of the comparison and checks them on their own: they
 * exist after the migrations, and are partial.
 */
export const HAND_WRITTEN_INDEXES: Readonly<Record<string, string>> = {
  // The activity log's outcome= filter and the dashboard's blocked downloads: only the proxy requests a policy matched.
  // (Both recreated on the partitioned table by 20261207200000_partition_activities.)
  activities_session_outcome_idx: "20261207165613_session_policies",
  // The activity log's policy= filter, over the same rows.
  activities_session_policy_ids_idx: "20261207165613_session_policies",
};

/**
 * Partitioning written by hand (migration 20261207200000_partition_activities): the datamodel knows activities as one
 * table. The snapshot compares the partitioned parent only: partitions (activities_default, activities_pYYYYMM) are
 * left out, and a partitioned index's "ON ONLY" is read as "ON". The partitions' own test is
 * activity-partitions.integration.test.ts.
 */
const NOT_A_PARTITION = (relation: string) => `NOT EXISTS (SELECT 1 FROM pg_class pc WHERE pc.oid = ${relation} AND pc.relispartition)`;

/**
 * What information_schema and pg_catalog say about the public schema, in a comparable form. Triggers and
 * sequences no column owns are left out: Prisma's datamodel has neither, they are written by hand in
 * migrations (e.g. change_counters) and their own integration tests cover them; so are HAND_WRITTEN_INDEXES.
 */
export const snapshotSchema = async (url: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql)).rows.map((r) => JSON.stringify(r));
    return {
      columns: await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, numeric_precision, datetime_precision
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
        AND ${NOT_A_PARTITION("(quote_ident(table_schema) || '.' || quote_ident(table_name))::regclass")} ORDER BY 1, 2`),
      indexes: await q(`SELECT tablename, indexname, replace(indexdef, ' ON ONLY ', ' ON ') AS indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
        AND ${NOT_A_PARTITION("(quote_ident(schemaname) || '.' || quote_ident(tablename))::regclass")} AND NOT (indexname = ANY ('{${Object.keys(HAND_WRITTEN_INDEXES).join(",")}}'::text[])) ORDER BY 1, 2`),
      constraints: await q(`SELECT c.conrelid::regclass::text AS tbl, c.conname, c.contype, pg_get_constraintdef(c.oid) AS def
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = 'public' AND c.contype <> 't' AND c.conrelid::regclass::text <> '_prisma_migrations' AND ${NOT_A_PARTITION("c.conrelid")} ORDER BY 1, 2`),
      enums: await q(`SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = 'public' GROUP BY t.typname ORDER BY 1`),
      sequences: await q(`SELECT sequence_name, data_type FROM information_schema.sequences s WHERE sequence_schema = 'public'
        AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = (quote_ident(s.sequence_schema) || '.' || quote_ident(s.sequence_name))::regclass AND d.deptype IN ('a', 'i'))
        ORDER BY 1`),
    };
  } finally {
    await client.end();
  }
};
