import { getDb } from "../db";

export const recordLoginFailure = async (email: string, ip: string, at: Date): Promise<void> => {
  await getDb().loginFailure.create({ data: { email, ip, at }, select: { id: true } });
};

/** Failures since `since` for the email and for the IP, with the oldest of each (to tell when the window frees up). */
export const countRecentLoginFailures = async (email: string, ip: string, since: Date) => {
  const db = getDb();
  const [byEmail, byIp] = await Promise.all([
    db.loginFailure.aggregate({ where: { email, at: { gte: since } }, _count: { _all: true }, _min: { at: true } }),
    db.loginFailure.aggregate({ where: { ip, at: { gte: since } }, _count: { _all: true }, _min: { at: true } }),
  ]);
  return {
    email: { count: byEmail._count._all, oldest: byEmail._min.at },
    ip: { count: byIp._count._all, oldest: byIp._min.at },
  };
};

/** A successful sign-in clears that email's failures; old rows are pruned by the worker. */
export const clearLoginFailures = async (email: string): Promise<void> => {
  await getDb().loginFailure.deleteMany({ where: { email } });
};

export const pruneLoginFailures = async (before: Date): Promise<number> =>
  (await getDb().loginFailure.deleteMany({ where: { at: { lt: before } } })).count;
