import { IP_CATEGORIES, PRODUCTS } from "@/lib/shared/schemas/policies";
import { SelectField, TextField } from "../ui/field";
import { CheckGroup } from "./check-group";
import type { TPolicyDraft } from "./policy-draft";

type Props = Readonly<{ draft: TPolicyDraft; errors: Record<string, string>; onChange: (patch: Partial<TPolicyDraft>) => void; disabled: boolean }>;

const CATEGORY_LABELS: Record<string, string> = { corporate: "Corporate", vpn: "VPN", administrative: "Administrative", cloud_provider: "Cloud provider", risky: "Risky" };

/** The activity filter: every field set must match; lists match any of their entries. */
export function PolicyFilterFields({ draft, errors, onChange, disabled }: Props) {
  const text = (key: keyof TPolicyDraft) => ({ value: String(draft[key]), onChange: (e: { target: { value: string } }) => onChange({ [key]: e.target.value }), disabled });
  return (
    <fieldset className="space-y-4" disabled={disabled}>
      <legend className="text-base font-semibold">Which activities</legend>
      <TextField label="Actions" placeholder="user_login_failed, user_added_to_group" hint="Comma-separated action keys (see the activity log); empty = any action." error={errors["filter.actions"]} {...text("actions")} />
      <CheckGroup legend="Products" options={PRODUCTS} value={draft.products} onChange={(products) => onChange({ products })} error={errors["filter.products"]} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Users" placeholder="ana@acme.com" hint="Account ids or emails; empty = everyone." error={errors["filter.users"]} {...text("users")} />
        <TextField label="Groups" placeholder="org-admins" error={errors["filter.groups"]} {...text("groups")} />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField label="Actor is an org admin" value={draft.adminActor} onChange={(e) => onChange({ adminActor: e.target.value as TPolicyDraft["adminActor"] })}>
          <option value="any">Any actor</option>
          <option value="yes">Yes</option>
          <option value="no">No</option>
        </SelectField>
        <SelectField label="Impersonation" value={draft.impersonation} onChange={(e) => onChange({ impersonation: e.target.value as TPolicyDraft["impersonation"] })}>
          <option value="any">Either</option>
          <option value="yes">Only impersonation</option>
          <option value="no">No impersonation</option>
        </SelectField>
        <label className="mt-7 inline-flex items-center gap-2 text-sm">
          <input type="checkbox" checked={draft.adminActionsOnly} onChange={(e) => onChange({ adminActionsOnly: e.target.checked })} />
          Administrative actions only
        </label>
      </div>
      <CheckGroup legend="IP category is one of" options={IP_CATEGORIES} labels={CATEGORY_LABELS} value={draft.ipCategories} onChange={(ipCategories) => onChange({ ipCategories })} error={errors["filter.ipCategories"]} />
      <CheckGroup legend="IP category is none of" options={IP_CATEGORIES} labels={CATEGORY_LABELS} value={draft.ipCategoriesExclude} onChange={(ipCategoriesExclude) => onChange({ ipCategoriesExclude })} error={errors["filter.ipCategoriesExclude"]} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label="IP tags" placeholder="tor, anonymous_proxy" error={errors["filter.ipTags"]} {...text("ipTags")} />
        <TextField label="Countries" placeholder="RU, KP" hint="ISO codes." error={errors["filter.countries"]} {...text("countries")} />
        <TextField label="Text contains" error={errors["filter.text"]} {...text("text")} />
      </div>
    </fieldset>
  );
}
