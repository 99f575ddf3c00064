import type { TRole } from "../../shared/roles";

/** Who is calling: a signed-in person (session) or an API token on that person's behalf. */
export type Principal = Readonly<{
  userId: string;
  email: string;
  name: string;
  role: TRole;
  via: "session" | "token";
  tokenId?: string;
  /** The session's id (its JWT's sid), for a session. */
  sessionId?: string;
  ip: string | null;
  /** An admin set a temporary password: only changing it is allowed until then. */
  mustChangePassword?: boolean;
}>;
