// npm run db:migrate:deploy – as DATABASE_OWNER_URL (else DATABASE_URL): pending migrations, pg-boss's schema, and
// the grants of DATABASE_URL's role when the two differ (npm start does this by itself); then, with WATCHPOST_SECRET,
// re-encrypt secrets still in the unbound v1 format as v2, bound to their rows.
import { bindStoredSecrets, countLegacySecrets, describeBindOutcome } from "../../lib/server/runtime/bind-stored-secrets";
import { migrateDatabase } from "../../lib/server/runtime/migrate-database";

const appUrl = process.env.DATABASE_URL || undefined;
const ownerUrl = process.env.DATABASE_OWNER_URL || appUrl;
if (!ownerUrl) {
  console.error("DATABASE_URL is not set (and DATABASE_OWNER_URL neither)");
  process.exit(1);
}
try {
  console.log(await migrateDatabase({ ownerUrl, appUrl }));
  const secret = process.env.WATCHPOST_SECRET;
  if (secret) {
    console.log(describeBindOutcome(await bindStoredSecrets({ databaseUrl: ownerUrl, secret })) ?? "stored secrets: all bound to their rows (v2)");
  } else {
    const legacy = await countLegacySecrets(ownerUrl);
    if (legacy > 0) console.log(`stored secrets: ${legacy} still in the v1 format; set WATCHPOST_SECRET and run this again (npm run web and npm run worker also convert them when they start)`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
