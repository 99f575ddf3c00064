import { getEnv } from "../../../env";

/** The address people open Watchpost at, for links in notifications (no trailing slash). */
export const publicUrl = (): string => {
  const env = getEnv();
  return (env.WATCHPOST_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
};
