import { grantAppRole, roleOfUrl } from "./app-role";
import { migrateDeploy } from "./migrate";
import { migratePgBoss } from "./pgboss-schema";

/**
 * Everything that needs the owner of the schema, in order: Prisma's migrations, pg-boss's schema, then the app role's
 * grants (when web and worker use a role of their own). `npm start`, `npm run db:migrate:deploy` and the test setup
 * all run this; afterwards the app role only reads and writes rows. Returns Prisma's output.
 */
export const migrateDatabase = async (options: Readonly<{ ownerUrl: string; appUrl?: string; cwd?: string }>): Promise<string> => {
  const output = await migrateDeploy({ databaseUrl: options.ownerUrl, cwd: options.cwd });
  await migratePgBoss(options.ownerUrl);
  const appRole = options.appUrl ? roleOfUrl(options.appUrl) : undefined;
  if (appRole && appRole !== roleOfUrl(options.ownerUrl)) await grantAppRole({ ownerUrl: options.ownerUrl, appRole });
  return output;
};
