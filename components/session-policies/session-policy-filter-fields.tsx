"use client";

import { Controller, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { fieldErrorProps, messageOf } from "@/lib/client/forms";
import { PROXY_ACTION_NAMES } from "@/lib/proxy/classify";
import { IP_CATEGORIES } from "@/lib/shared/schemas/policies";
import { SESSION_POLICY_ACTIONS, SESSION_PRODUCTS } from "@/lib/shared/schemas/session-policies";
import { SelectField, TextField } from "../ui/field";
import { CheckGroup } from "../policies/check-group";
import type { TSessionDraftControl, TSessionPolicyDraft } from "./session-policy-draft";

type Props = Readonly<{ control: TSessionDraftControl; register: UseFormRegister<TSessionPolicyDraft>; errors: FieldErrors<TSessionPolicyDraft> }>;

const ACTION_LABELS: Record<string, string> = Object.fromEntries(Object.entries(PROXY_ACTION_NAMES).map(([key, name]) => [key, name.replace(" (session proxy)", "")]));
const PRODUCT_LABELS: Record<string, string> = { jira: "Jira", confluence: "Confluence", bitbucket: "Bitbucket", atlassian: "Atlassian account" };
const CATEGORY_LABELS: Record<string, string> = { corporate: "Corporate", vpn: "VPN", administrative: "Administrative", cloud_provider: "Cloud provider", risky: "Risky" };
type TListField = "filters.actions" | "filters.products" | "filters.ipCategories" | "filters.ipCategoriesExclude";

/** The session policy's filters: every one set must match; a list matches any of its entries. */
export function SessionPolicyFilterFields({ control, register, errors }: Props) {
  const err = (name: string) => fieldErrorProps(errors, name);
  const checks = (name: TListField, legend: string, options: readonly string[], labels: Record<string, string>, hint?: string) => (
    <Controller
      control={control}
      name={name}
      render={({ field }) => <CheckGroup legend={legend} hint={hint} options={options} labels={labels} value={field.value} onChange={field.onChange} error={messageOf(errors.filters?.[name.slice("filters.".length) as keyof TSessionPolicyDraft["filters"]])} />}
    />
  );
  const rootError = errors.filters?.message;
  return (
    <fieldset className="space-y-4">
      <legend className="text-base font-semibold">Which requests</legend>
      {rootError ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {rootError}
        </p>
      ) : null}
      {checks("filters.actions", "Activities", SESSION_POLICY_ACTIONS, ACTION_LABELS, "Empty: Block activities applies to exports and archive/raw downloads, Control file download to every download and export, Monitor to every request.")}
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Device" {...register("filters.device")} {...err("filters.device")}>
          <option value="">Any device</option>
          <option value="managed">Managed (trusted client certificate)</option>
          <option value="unmanaged">Unmanaged</option>
        </SelectField>
        <TextField label="Certificate issuer contains" placeholder="Acme Device CA" {...register("filters.certificateIssuers")} {...err("filters.certificateIssuers")} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Users" placeholder="ana@acme.com, 5b10ac8d82e05b22cc7d4ef5" hint="Emails or account ids, comma-separated; empty = everyone." {...register("filters.users")} {...err("filters.users")} />
        <TextField label="Groups" placeholder="org-admins" {...register("filters.groups")} {...err("filters.groups")} />
        <SelectField label="Organization admins" {...register("filters.admins")} {...err("filters.admins")}>
          <option value="any">Anyone</option>
          <option value="yes">Only org admins</option>
          <option value="no">Not org admins</option>
        </SelectField>
        <SelectField label="External users" hint="Accounts outside the org's verified domains." {...register("filters.externalUsers")} {...err("filters.externalUsers")}>
          <option value="any">Anyone</option>
          <option value="yes">Only external users</option>
          <option value="no">Only internal users</option>
        </SelectField>
      </div>
      {checks("filters.ipCategories", "IP category is one of", IP_CATEGORIES, CATEGORY_LABELS)}
      {checks("filters.ipCategoriesExclude", "IP category is none of", IP_CATEGORIES, CATEGORY_LABELS, "Outside corporate ranges: tick Corporate here.")}
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label="IP tags" placeholder="tor, anonymous_proxy" {...register("filters.ipTags")} {...err("filters.ipTags")} />
        <TextField label="Countries" placeholder="RU, KP" hint="ISO codes." {...register("filters.countries")} {...err("filters.countries")} />
        <TextField label="User agent contains" placeholder="curl, python-requests" {...register("filters.userAgents")} {...err("filters.userAgents")} />
      </div>
      {checks("filters.products", "Products", SESSION_PRODUCTS, PRODUCT_LABELS)}
      <TextField label="Sites" placeholder="acme.atlassian.net" {...register("filters.sites")} {...err("filters.sites")} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label="File extensions" placeholder="pdf, zip" {...register("filters.fileExtensions")} {...err("filters.fileExtensions")} />
        <TextField label="File name contains" placeholder="confidential" {...register("filters.fileNameContains")} {...err("filters.fileNameContains")} />
        <TextField label="File size above (MB)" inputMode="decimal" placeholder="50" {...register("filters.fileSizeAboveMb")} {...err("filters.fileSizeAboveMb")} />
      </div>
    </fieldset>
  );
}
