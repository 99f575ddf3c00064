import type { FieldErrors } from "react-hook-form";
import { z } from "zod";
import { messageOf } from "@/lib/client/forms";
import { ZCreatePolicyInput, ZPolicyPreviewInput } from "@/lib/shared/schemas/policies";
import type { TCustomPolicyFilter, TCustomPolicyTrigger, TPolicyActions, TPolicyDto, TPolicyScope, TSeverity } from "@/lib/shared/schemas/policies";

/** The editor's form state: text inputs stay strings until they are turned into the API body. */
export type TPolicyDraft = {
  name: string;
  description: string;
  severity: TSeverity;
  enabled: boolean;
  actions: string;
  products: string[];
  users: string;
  groups: string;
  adminActor: "any" | "yes" | "no";
  adminActionsOnly: boolean;
  impersonation: "any" | "yes" | "no";
  ipCategories: string[];
  ipCategoriesExclude: string[];
  ipTags: string;
  countries: string;
  text: string;
  triggerKind: "single" | "repeated";
  count: string;
  windowMinutes: string;
  perUser: boolean;
  perProduct: boolean;
  includeUsers: string;
  excludeUsers: string;
  includeGroups: string;
  excludeGroups: string;
  /** Governance actions run on each new alert (the body's `actions`; the draft's `actions` are the filter's). */
  governanceActions: TPolicyActions;
};

export const EMPTY_DRAFT: TPolicyDraft = {
  name: "",
  description: "",
  severity: "medium",
  enabled: true,
  actions: "",
  products: [],
  users: "",
  groups: "",
  adminActor: "any",
  adminActionsOnly: false,
  impersonation: "any",
  ipCategories: [],
  ipCategoriesExclude: [],
  ipTags: "",
  countries: "",
  text: "",
  triggerKind: "single",
  count: "10",
  windowMinutes: "5",
  perUser: true,
  perProduct: false,
  includeUsers: "",
  excludeUsers: "",
  includeGroups: "",
  excludeGroups: "",
  governanceActions: [],
};

const list = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
const tri = (v: "any" | "yes" | "no") => (v === "any" ? undefined : v === "yes");
const fromTri = (v: boolean | undefined): "any" | "yes" | "no" => (v === undefined ? "any" : v ? "yes" : "no");

export const draftFromPolicy = (
  p: Pick<TPolicyDto, "name" | "description" | "severity" | "enabled"> & { filter: TCustomPolicyFilter | null; trigger: TCustomPolicyTrigger | null; scope?: TPolicyScope; actions?: TPolicyActions },
): TPolicyDraft => {
  const f = p.filter ?? {};
  const t = p.trigger;
  return {
    ...EMPTY_DRAFT,
    name: p.name,
    description: p.description,
    severity: p.severity,
    enabled: p.enabled,
    actions: (f.actions ?? []).join(", "),
    products: [...(f.products ?? [])],
    users: (f.users ?? []).join(", "),
    groups: (f.groups ?? []).join(", "),
    adminActor: fromTri(f.adminActor),
    adminActionsOnly: f.adminActionsOnly ?? false,
    impersonation: fromTri(f.impersonation),
    ipCategories: [...(f.ipCategories ?? [])],
    ipCategoriesExclude: [...(f.ipCategoriesExclude ?? [])],
    ipTags: (f.ipTags ?? []).join(", "),
    countries: (f.countries ?? []).join(", "),
    text: f.text ?? "",
    triggerKind: t?.kind ?? "single",
    count: t?.kind === "repeated" ? String(t.count) : EMPTY_DRAFT.count,
    windowMinutes: t?.kind === "repeated" ? String(t.windowMinutes) : EMPTY_DRAFT.windowMinutes,
    perUser: t?.kind === "repeated" ? t.perUser : true,
    perProduct: t?.kind === "repeated" ? t.perProduct : false,
    includeUsers: (p.scope?.includeUsers ?? []).join(", "),
    excludeUsers: (p.scope?.excludeUsers ?? []).join(", "),
    includeGroups: (p.scope?.includeGroups ?? []).join(", "),
    excludeGroups: (p.scope?.excludeGroups ?? []).join(", "),
    governanceActions: [...(p.actions ?? [])],
  };
};

const nonEmpty = <T>(values: T[]) => (values.length > 0 ? values : undefined);

/** Only the filter fields that are set: an empty list means "any", so it is left out. */
export const filterOf = (d: TPolicyDraft): Record<string, unknown> => {
  const filter: Record<string, unknown> = {
    actions: nonEmpty(list(d.actions)),
    products: nonEmpty(d.products),
    users: nonEmpty(list(d.users)),
    groups: nonEmpty(list(d.groups)),
    adminActor: tri(d.adminActor),
    adminActionsOnly: d.adminActionsOnly || undefined,
    impersonation: tri(d.impersonation),
    ipCategories: nonEmpty(d.ipCategories),
    ipCategoriesExclude: nonEmpty(d.ipCategoriesExclude),
    ipTags: nonEmpty(list(d.ipTags)),
    countries: nonEmpty(list(d.countries)),
    text: d.text.trim() || undefined,
  };
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
};

export const triggerOf = (d: TPolicyDraft): Record<string, unknown> =>
  d.triggerKind === "single"
    ? { kind: "single" }
    : { kind: "repeated", count: Number(d.count), windowMinutes: Number(d.windowMinutes), perUser: d.perUser, perProduct: d.perProduct };

export const scopeOf = (d: TPolicyDraft) => ({ includeUsers: list(d.includeUsers), excludeUsers: list(d.excludeUsers), includeGroups: list(d.includeGroups), excludeGroups: list(d.excludeGroups) });

export const bodyOf = (d: TPolicyDraft) => ({ name: d.name, description: d.description, severity: d.severity, enabled: d.enabled, scope: scopeOf(d), filter: filterOf(d), trigger: triggerOf(d), actions: d.governanceActions });

const NESTED = new Set(["filter", "trigger", "scope"]);

/** A problem's parameter ("filter.actions.0") → the key the editor shows it under ("filter.actions"). */
export const draftKeyOf = (name: string): string => {
  const [first = "form", second] = name.split(".");
  return NESTED.has(first) && second !== undefined ? `${first}.${second}` : first;
};

/** react-hook-form's nested errors → the editor's flat keys ("name", "filter.actions", "trigger.count"…: two levels under filter/trigger/scope). */
export const draftErrorsOf = (errors: FieldErrors): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(errors)) {
    if (key === "root" || !value) continue;
    if (!NESTED.has(key)) {
      const message = messageOf(value);
      if (message) out[key] = message;
      continue;
    }
    if (typeof value.message === "string" && value.message) out[key] = value.message;
    for (const [sub, nested] of Object.entries(value)) {
      if (["message", "type", "ref", "types", "root"].includes(sub)) continue;
      const message = messageOf(nested);
      if (message) out[`${key}.${sub}`] = message;
    }
  }
  return out;
};

/** The draft is the form's value; the body it becomes is what the shared create schema checks (and the server parses). */
export const ZPolicyForm = z
  .custom<TPolicyDraft>()
  .transform((draft): unknown => bodyOf(draft))
  .pipe(ZCreatePolicyInput);

/** The preview's form: the editor's draft plus the days box; what they become is what the shared preview schema checks. */
export const ZPolicyPreviewForm = z
  .object({ draft: z.custom<TPolicyDraft>(), days: z.string() })
  .transform(({ draft, days }): unknown => ({ filter: filterOf(draft), trigger: triggerOf(draft), scope: scopeOf(draft), days: Number(days) }))
  .pipe(ZPolicyPreviewInput);
