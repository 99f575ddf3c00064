"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/client/api-client";
import { fieldErrorProps, toServerError, zodFieldErrors, type TFieldErrors, type TServerError } from "@/lib/client/form-errors";
import { ipRangeKeys } from "@/lib/client/queries/ip-ranges";
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

/** Form values → the API body; the shared schema then checks it exactly as the server will. */
const toBody = (form: FormData) => {
  const get = (name: string) => String(form.get(name) ?? "").trim();
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

type Props = Readonly<{ range?: TIpRangeDto; onDone: () => void }>;

/** Create or edit an IP range. Field errors come from the shared zod schema, then from the server (overlaps). */
export function IpRangeForm({ range, onDone }: Props) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [serverError, setServerError] = useState<TServerError | null>(null);
  const mutation = useMutation({
    mutationFn: (body: unknown) =>
      range ? apiFetch<TIpRangeDto>(`/api/v1/ip-ranges/${range.id}`, { method: "PATCH", json: body }) : apiFetch<TIpRangeDto>("/api/v1/ip-ranges", { method: "POST", json: body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ipRangeKeys.all });
      onDone();
    },
    onError: (error) => setServerError(toServerError(error)),
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setServerError(null);
    const body = toBody(new FormData(event.currentTarget));
    const parsed = ZCreateIpRangeInput.safeParse(body);
    if (!parsed.success) {
      // Location sub-field errors (location.lat…) show under the country field, keyed "location".
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    mutation.mutate(body);
  };
  const props = (field: string) => fieldErrorProps(field, errors, serverError);
  const location = range?.location;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={range ? `Edit IP range ${range.name}` : "Create IP range"} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" name="name" defaultValue={range?.name} maxLength={120} required {...props("name")} />
        <SelectField label="Category" name="category" defaultValue={range?.category ?? "corporate"} {...props("category")}>
          {IP_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {categoryLabel(c)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        label="CIDRs"
        name="cidrs"
        rows={4}
        defaultValue={range?.cidrs.join("\n")}
        placeholder={"203.0.113.0/24\n2001:db8::/48"}
        hint="One per line, IPv4 or IPv6. Ranges must not overlap each other or other ranges."
        {...props("cidrs")}
      />
      <TextField label="Tags" name="tags" defaultValue={range?.tags.join(", ")} placeholder="office, wifi" hint={`Comma-separated. Known tags: ${IP_TAGS.join(", ")}`} {...props("tags")} />
      <fieldset className="grid gap-4 sm:grid-cols-4">
        <legend className="mb-2 text-sm font-medium text-slate-700 dark:text-slate-300">Location override (optional)</legend>
        <TextField label="Country code" name="countryCode" defaultValue={location?.countryCode} placeholder="GB" maxLength={2} {...props("location")} />
        <TextField label="City" name="city" defaultValue={location?.city} />
        <TextField label="Latitude" name="lat" inputMode="decimal" defaultValue={location?.lat} />
        <TextField label="Longitude" name="lon" inputMode="decimal" defaultValue={location?.lon} />
      </fieldset>
      <TextField label="Expires" name="expiresAt" type="datetime-local" defaultValue={range?.expiresAt?.slice(0, 16)} hint="Optional: the range stops applying then." {...props("expiresAt")} />
      {/* Field reasons that repeat this message only mark their field (fieldErrorProps). */}
      {serverError ? <Alert tone="error">{serverError.detail}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" isBusy={mutation.isPending}>
          {range ? "Save range" : "Create range"}
        </Button>
        <Button type="button" variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
