import type { TAlertDto } from "@/lib/shared/schemas/alerts";

/** How an alert's Atlassian user is named: email, else name, else account id. */
export const alertUserLabel = (user: TAlertDto["user"]): string => user.email ?? user.name ?? user.accountId ?? "—";

let regionNames: Intl.DisplayNames | null = null;

/** English country name of an ISO 3166-1 alpha-2 code (the browser's own table), or the code itself. */
export const countryName = (code: string | null | undefined): string => {
  if (!code) return "Unknown country";
  try {
    regionNames ??= new Intl.DisplayNames(["en"], { type: "region" });
    return regionNames.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
};

const isIp = (value: unknown): value is string => typeof value === "string" && /^[0-9a-fA-F.:]{3,45}$/.test(value) && /[.:]/.test(value);

/** The IP addresses named in an alert's details (travel: from/to; country: ip; IP policies: ips), in order, once each. */
export const alertIps = (details: Record<string, unknown>): string[] => {
  const found: string[] = [];
  const add = (value: unknown) => {
    if (isIp(value) && !found.includes(value)) found.push(value);
  };
  for (const side of [details.from, details.to]) if (side && typeof side === "object") add((side as Record<string, unknown>).ip);
  add(details.ip);
  if (Array.isArray(details.ips)) details.ips.forEach(add);
  return found;
};

/** Field classes for prose textareas (reasons, comments): TextAreaField's own style is monospace, for lists. */
export const PROSE_TEXTAREA =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-xs placeholder:text-slate-400 focus:border-brand-500 aria-invalid:border-red-500 dark:border-slate-700 dark:bg-slate-900";
