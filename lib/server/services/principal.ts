import type { TRole } from "../../shared/roles";

/** Who is calling: a signed-in person (session) or an API token on that person's behalf. */
export type Principal = Readonly<{
  userId: string;
  email: string;
  name: string;
  role: TRole;
  via: "session" | "token";
  tokenId?: string;
  ip: string | null;
}>;
