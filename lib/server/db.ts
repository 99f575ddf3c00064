import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { getEnv } from "../env";

const createClient = () => {
  const url = getEnv().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (npm start sets it for embedded Postgres)");
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: 10 }),
    // Secrets stay out of every query result unless a repository asks for them explicitly.
    omit: { user: { passwordHash: true }, apiToken: { tokenHash: true } },
  });
};

export type Db = ReturnType<typeof createClient>;

const globalForDb = globalThis as unknown as { watchpostDb?: Db };

/** The one Prisma client of this process. Only repositories import it. */
export const getDb = (): Db => (globalForDb.watchpostDb ??= createClient());

/** Closes the client (worker shutdown, tests). */
export const disconnectDb = async (): Promise<void> => {
  await globalForDb.watchpostDb?.$disconnect();
  globalForDb.watchpostDb = undefined;
};
