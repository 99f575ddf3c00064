/** "2026-11-24 03:52 UTC": unambiguous for readers in any timezone. */
export const formatUtc = (iso: string): string => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
};

/** "Alice Example <alice@example.com>", falling back to whatever is known. */
export const describePerson = (name: string | null, email: string | null, accountId: string | null = null): string => {
  if (name && email) return `${name} <${email}>`;
  return name ?? email ?? accountId ?? "unknown user";
};

export const truncate = (value: string, max: number): string => (value.length <= max ? value : `${value.slice(0, max - 1)}…`);
