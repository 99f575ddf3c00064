// npm run db:migrate:deploy – as DATABASE_OWNER_URL (else DATABASE_URL): pending migrations, pg-boss's schema, and
// the grants of DATABASE_URL's role when the two differ (npm start does this by itself).
import { migrateDatabase } from "../../lib/server/runtime/migrate-database";

const appUrl = process.env.DATABASE_URL || undefined;
const ownerUrl = process.env.DATABASE_OWNER_URL || appUrl;
if (!ownerUrl) {
  console.error("DATABASE_URL is not set (and DATABASE_OWNER_URL neither)");
  process.exit(1);
}
try {
  console.log(await migrateDatabase({ ownerUrl, appUrl }));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
