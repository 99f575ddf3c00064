// npm run db:migrate:deploy – apply pending migrations to DATABASE_URL (npm start does this by itself).
import { migrateDeploy } from "../../lib/server/runtime/migrate";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set");
  process.exit(1);
}
try {
  console.log(await migrateDeploy({ databaseUrl: url }));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
