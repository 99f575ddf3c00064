"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { applyProblem, fieldErrorProps, formErrorOf } from "@/lib/client/forms";
import { useSaveIpRange } from "@/lib/client/hooks/use-ip-range-mutations";
import { IP_TAGS, ZCreateIpRangeInput, type TIpRangeDto } from "@/lib/shared/schemas/ip-ranges";
import { IP_CATEGORIES } from "@/lib/shared/schemas/policies";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { SelectField, TextAreaField, TextField } from "../ui/field";

const CATEGORY_LABELS: Record<string, string> = { corporate: "Corporate", vpn: "VPN", administrative: "Administrative", cloud_provider: "Cloud provider", risky: "Risky" };
export const categoryLabel = (category: string) => CATEGORY_LABELS[category] ?? category;

const splitList = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

const numberOrUndefined = (text: string) => (text.trim() ? Number(text) : undefined);

type TIpRangeFormValues = z.infer<typeof ZIpRangeFormValues>;
const ZIpRangeFormValues = z.object({
  name: z.string(),
  category: z.string(),
  cidrs: z.string(),
  tags: z.string(),
  countryCode: z.string(),
  city: z.string(),
  lat: z.string(),
  lon: z.string(),
  expiresAt: z.string(),
});

/** Form values → the API body; the shared schema then checks it exactly as the server will. */
const toBody = (values: TIpRangeFormValues) => {
  const get = (name: keyof TIpRangeFormValues) => values[name].trim();
  const countryCode = get("countryCode");
  const expires = get("expiresAt");
  return {
    name: get("name"),
    cidrs: splitList(get("cidrs")),
    category: get("category"),
    tags: splitList(get("tags")),
    location: countryCode ? { countryCode, ...(get("city") ? { city: get("city") } : {}), lat: numberOrUndefined(get("lat")), lon: numberOrUndefined(get("lon")) } : null,
    expiresAt: expires ? new Date(expires).toISOString() : null,
  };
};

/** Checked with the shared create schema; location sub-field errors (location.lat…) show under the country field. */
// The transform says `unknown`: the body is typed by the shared schema it is piped into, not by toBody.
const ZIpRangeForm = ZIpRangeFormValues.transform((values): unknown => toBody(values)).pipe(ZCreateIpRangeInput);

const valuesOf = (range: TIpRangeDto | undefined): TIpRangeFormValues => ({
  name: range?.name ?? "",
  category: range?.category ?? "corporate",
  cidrs: range?.cidrs.join("\n") ?? "",
  tags: range?.tags.join(", ") ?? "",
  countryCode: range?.location?.countryCode ?? "",
  city: range?.location?.city ?? "",
  lat: range?.location?.lat?.toString() ?? "",
  lon: range?.location?.lon?.toString() ?? "",
  expiresAt: range?.expiresAt?.slice(0, 16) ?? "",
});

type Props = Readonly<{ range?: TIpRangeDto; onDone: () => void }>;

/** Create or edit an IP range. Field errors come from the shared zod schema, then from the server (overlaps). */
export function IpRangeForm({ range, onDone }: Props) {
  const save = useSaveIpRange(range?.id);
  const { register, handleSubmit, setError, formState } = useForm({ resolver: zodResolver(ZIpRangeForm), defaultValues: valuesOf(range) });
  const { errors } = formState;
  const formError = formErrorOf(errors);
  const onSubmit = handleSubmit((input) => save.mutate(input, { onSuccess: onDone, onError: (error) => applyProblem(setError, error) }));
  const props = (field: string) => fieldErrorProps(errors, field);
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={range ? `Edit IP range ${range.name}` : "Create IP range"} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" maxLength={120} required {...props("name")} {...register("name")} />
        <SelectField label="Category" {...props("category")} {...register("category")}>
          {IP_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {categoryLabel(c)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        label="CIDRs"
        rows={4}
        placeholder={"203.0.113.0/24\n2001:db8::/48"}
        hint="One per line, IPv4 or IPv6. Ranges must not overlap each other or other ranges."
        {...props("cidrs")}
        {...register("cidrs")}
      />
      <TextField label="Tags" placeholder="office, wifi" hint={`Comma-separated. Known tags: ${IP_TAGS.join(", ")}`} {...props("tags")} {...register("tags")} />
      <fieldset className="grid gap-4 sm:grid-cols-4">
        <legend className="mb-2 text-sm font-medium text-slate-700 dark:text-slate-300">Location override (optional)</legend>
        <TextField label="Country code" placeholder="GB" maxLength={2} {...props("location")} {...register("countryCode")} />
        <TextField label="City" {...register("city")} />
        <TextField label="Latitude" inputMode="decimal" {...register("lat")} />
        <TextField label="Longitude" inputMode="decimal" {...register("lon")} />
      </fieldset>
      <TextField label="Expires" type="datetime-local" hint="Optional: the range stops applying then." {...props("expiresAt")} {...register("expiresAt")} />
      {/* Field reasons that repeat this message only mark their field (fieldErrorProps). */}
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" isBusy={save.isPending}>
          {range ? "Save range" : "Create range"}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
