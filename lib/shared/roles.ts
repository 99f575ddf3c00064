export const ROLES = ["viewer", "analyst", "admin"] as const;
export type TRole = (typeof ROLES)[number];

/** Ranked so that each role includes everything the one below it may do. */
const RANK: Record<TRole, number> = { viewer: 0, analyst: 1, admin: 2 };

export const ROLE_DESCRIPTIONS: Record<TRole, string> = {
  admin: "Everything, including users, API tokens, connectors and settings",
  analyst: "Reads everything, triages alerts and runs governance actions",
  viewer: "Read-only",
};

/** True when `role` is at least `required`. */
export const hasRole = (role: TRole, required: TRole): boolean => RANK[role] >= RANK[required];

export const isRole = (value: unknown): value is TRole => typeof value === "string" && (ROLES as readonly string[]).includes(value);
