import type { Control } from "react-hook-form";
import { z } from "zod";
import { ZCreateSessionPolicyInput, type TCreateSessionPolicyInput, type TSessionControlType, type TSessionPolicy, type TSessionPolicyAction } from "@/lib/shared/schemas/session-policies";
import type { TSeverity } from "@/lib/shared/schemas/policies";

type TTri = "any" | "yes" | "no";

/**
 * The session-policy form's state: the body's shape (so the shared schema's error paths name the form's fields),
 * with text inputs kept as strings and "any" choices, until bodyOf turns it into the API body.
 */
export type TSessionPolicyDraft = {
  name: string;
  description: string;
  enabled: boolean;
  priority: string;
  controlType: TSessionControlType;
  filters: {
    device: "" | "managed" | "unmanaged";
    certificateIssuers: string;
    users: string;
    groups: string;
    admins: TTri;
    externalUsers: TTri;
    ipCategories: string[];
    ipCategoriesExclude: string[];
    ipTags: string;
    countries: string;
    userAgents: string;
    products: string[];
    sites: string;
    actions: string[];
    fileExtensions: string;
    fileNameContains: string;
    fileSizeAboveMb: string;
  };
  action: { kind: TSessionPolicyAction["kind"]; blockMessage: string; contact: string };
  notifyUser: boolean;
  alert: { isOn: boolean; severity: TSeverity; maxPerDay: string };
};

export const EMPTY_SESSION_DRAFT: TSessionPolicyDraft = {
  name: "",
  description: "",
  enabled: true,
  priority: "100",
  controlType: "monitor",
  filters: {
    device: "",
    certificateIssuers: "",
    users: "",
    groups: "",
    admins: "any",
    externalUsers: "any",
    ipCategories: [],
    ipCategoriesExclude: [],
    ipTags: "",
    countries: "",
    userAgents: "",
    products: [],
    sites: "",
    actions: [],
    fileExtensions: "",
    fileNameContains: "",
    fileSizeAboveMb: "",
  },
  action: { kind: "audit", blockMessage: "", contact: "" },
  notifyUser: false,
  alert: { isOn: false, severity: "medium", maxPerDay: "20" },
};

const joined = (values: readonly string[] | undefined) => (values ?? []).join(", ");
const fromTri = (v: boolean | undefined): TTri => (v === undefined ? "any" : v ? "yes" : "no");

/** A stored policy or a template's body as the form's draft. */
export const sessionDraftOf = (p: Omit<TSessionPolicy, "id" | "createdAt" | "updatedAt">): TSessionPolicyDraft => {
  const f = p.filters;
  return {
    name: p.name,
    description: p.description,
    enabled: p.enabled,
    priority: String(p.priority),
    controlType: p.controlType,
    filters: {
      device: f.device ?? "",
      certificateIssuers: joined(f.certificateIssuers),
      users: joined(f.users),
      groups: joined(f.groups),
      admins: fromTri(f.admins),
      externalUsers: fromTri(f.externalUsers),
      ipCategories: [...(f.ipCategories ?? [])],
      ipCategoriesExclude: [...(f.ipCategoriesExclude ?? [])],
      ipTags: joined(f.ipTags),
      countries: joined(f.countries),
      userAgents: joined(f.userAgents),
      products: [...(f.products ?? [])],
      sites: joined(f.sites),
      actions: [...(f.actions ?? [])],
      fileExtensions: joined(f.fileExtensions),
      fileNameContains: f.fileNameContains ?? "",
      fileSizeAboveMb: f.fileSizeAboveMb === undefined ? "" : String(f.fileSizeAboveMb),
    },
    action: { kind: p.action.kind, blockMessage: p.action.blockMessage ?? "", contact: p.action.contact ?? "" },
    notifyUser: p.notifyUser,
    alert: p.alert ? { isOn: true, severity: p.alert.severity, maxPerDay: String(p.alert.maxPerDay) } : { ...EMPTY_SESSION_DRAFT.alert },
  };
};

/** Comma- or line-separated entries (user agents may hold spaces, so only commas, semicolons and line breaks split). */
const list = (text: string) =>
  text
    .split(/[,;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
const listOrUndefined = (text: string) => (list(text).length > 0 ? list(text) : undefined);
const arrayOrUndefined = <T>(values: readonly T[]) => (values.length > 0 ? [...values] : undefined);
const tri = (v: TTri) => (v === "any" ? undefined : v === "yes");
/** A number box: empty is unset; anything else goes to the schema as a number, or as typed so its message says why. */
const numberOf = (text: string) => {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  return Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
};

const filtersOf = (f: TSessionPolicyDraft["filters"]) => {
  const filters: Record<string, unknown> = {
    device: f.device || undefined,
    certificateIssuers: listOrUndefined(f.certificateIssuers),
    users: listOrUndefined(f.users),
    groups: listOrUndefined(f.groups),
    admins: tri(f.admins),
    externalUsers: tri(f.externalUsers),
    ipCategories: arrayOrUndefined(f.ipCategories),
    ipCategoriesExclude: arrayOrUndefined(f.ipCategoriesExclude),
    ipTags: listOrUndefined(f.ipTags),
    countries: listOrUndefined(f.countries),
    userAgents: listOrUndefined(f.userAgents),
    products: arrayOrUndefined(f.products),
    sites: listOrUndefined(f.sites),
    actions: arrayOrUndefined(f.actions),
    fileExtensions: listOrUndefined(f.fileExtensions),
    fileNameContains: f.fileNameContains.trim() || undefined,
    fileSizeAboveMb: numberOf(f.fileSizeAboveMb),
  };
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
};

/** The API body the draft stands for (what POST /api/v1/session-policies takes). */
export const sessionBodyOf = (d: TSessionPolicyDraft) => ({
  name: d.name,
  description: d.description,
  enabled: d.enabled,
  priority: numberOf(d.priority) ?? d.priority,
  controlType: d.controlType,
  filters: filtersOf(d.filters),
  action: {
    kind: d.action.kind,
    ...(d.action.kind === "block" && d.action.blockMessage.trim() ? { blockMessage: d.action.blockMessage } : {}),
    ...(d.action.kind === "block" && d.action.contact.trim() ? { contact: d.action.contact } : {}),
  },
  notifyUser: d.notifyUser,
  alert: d.alert.isOn ? { severity: d.alert.severity, maxPerDay: numberOf(d.alert.maxPerDay) ?? d.alert.maxPerDay } : null,
});

/** The form's schema: the draft becomes the body, which the shared create schema checks (as the server does). */
export const ZSessionPolicyForm = z
  .custom<TSessionPolicyDraft>()
  .transform((draft): unknown => sessionBodyOf(draft))
  .pipe(ZCreateSessionPolicyInput);

/** A problem's parameter ("filters.users.0") → the form field that shows it ("filters.users"). */
export const sessionFieldOf = (name: string): string => name.split(".").slice(0, 2).join(".");

/** The editor's form control: draft in, the shared schema's body out. */
export type TSessionDraftControl = Control<TSessionPolicyDraft, unknown, TCreateSessionPolicyInput>;
