// npm run db:migrate:deploy – apply pending migrations to DATABASE_URL (npm start does this by itself), then, with
// WATCHPOST_SECRET, re-encrypt secrets still in the unbound v1 format as v2, bound to their rows.
import { bindStoredSecrets, countLegacySecrets, describeBindOutcome } from "../../lib/server/runtime/bind-stored-secrets";
import { migrateDeploy } from "../../lib/server/runtime/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set");
  process.exit(1);
}
try {
  console.log(await migrateDeploy({ databaseUrl: url }));
  const secret = process.env.WATCHPOST_SECRET;
  if (secret) {
    console.log(describeBindOutcome(await bindStoredSecrets({ databaseUrl: url, secret })) ?? "stored secrets: all bound to their rows (v2)");
  } else {
    const legacy = await countLegacySecrets(url);
    if (legacy > 0) console.log(`stored secrets: ${legacy} still in the v1 format; set WATCHPOST_SECRET and run this again (npm run web and npm run worker also convert them when they start)`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
