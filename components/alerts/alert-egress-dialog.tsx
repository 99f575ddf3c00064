"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { applyProblem, fieldErrorProps, formErrorOf, hasFieldErrors } from "@/lib/client/forms";
import { useMarkAlertEgress } from "@/lib/client/hooks/use-alert-mutations";
import { ZAlertEgressInput, type TAlertEgressResult } from "@/lib/shared/schemas/alerts";
import { Alert } from "../ui/alert";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { SelectField, TextAreaField, TextField } from "../ui/field";
import { dateInputValue } from "../ui/format";

type Props = Readonly<{ alertId: string; ips: readonly string[]; onDone: (result: TAlertEgressResult) => void; onClose: () => void }>;

const DEFAULT_DAYS = 90;

/** A local date (YYYY-MM-DD) → the end of that day, as an ISO instant. */
const endOfDay = (date: string): string => (date ? new Date(`${date}T23:59:59`).toISOString() : "");

/** The dialog's strings → the API body (CIDRs split, the day's end as an instant), then the shared schema. */
const ZEgressForm = z
  .object({ name: z.string(), category: z.string(), cidrs: z.string(), expiresAt: z.string() })
  .transform((v): unknown => {
    const list = v.cidrs.split(/[\s,]+/).filter(Boolean);
    return { name: v.name, category: v.category, expiresAt: endOfDay(v.expiresAt), ...(list.length ? { cidrs: list } : {}) };
  })
  .pipe(ZAlertEgressInput);

/**
 * "This is our egress": name the range, pick Corporate or VPN, optionally give the CIDRs (else the server
 * widens the alert's IPs to /24 or /64) and an expiry (90 days by default).
 */
export function AlertEgressDialog({ alertId, ips, onDone, onClose }: Props) {
  const mark = useMarkAlertEgress(alertId);
  const [tomorrow] = useState(() => dateInputValue(new Date(Date.now() + 86_400_000)));
  const [defaultExpiry] = useState(() => dateInputValue(new Date(Date.now() + DEFAULT_DAYS * 86_400_000)));
  const { register, handleSubmit, setError, formState, control } = useForm({
    resolver: zodResolver(ZEgressForm),
    defaultValues: { name: "", category: "corporate", cidrs: "", expiresAt: defaultExpiry },
  });
  const { errors } = formState;
  const category = useWatch({ control, name: "category" });
  const onConfirm = handleSubmit((input) => mark.mutate(input, { onSuccess: onDone, onError: (error) => applyProblem(setError, error) }));

  const formError = formErrorOf(errors);
  const unnamed = formError && !hasFieldErrors(errors) ? formError : null;
  return (
    <ConfirmDialog title="This is our egress" confirmLabel="Mark as egress" isBusy={mark.isPending} onConfirm={() => void onConfirm()} onClose={onClose}>
      <p>
        The addresses become a named IP range. Open travel, country and IP alerts whose addresses all fall inside it are dismissed as benign, and new
        activity from it counts as {category === "vpn" ? "VPN egress" : "corporate"}.
      </p>
      <div>
        <p className="font-medium text-slate-700 dark:text-slate-200">This alert&apos;s IP addresses</p>
        {ips.length ? (
          <ul className="mt-1 flex flex-wrap gap-1" aria-label="This alert's IP addresses">
            {ips.map((ip) => (
              <li key={ip} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:bg-slate-800">
                {ip}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-xs">The server reads them from the alert&apos;s activities.</p>
        )}
      </div>
      <TextField label="Range name" required maxLength={120} placeholder="e.g. Berlin office" {...fieldErrorProps(errors, "name")} {...register("name")} />
      <SelectField label="Category" {...fieldErrorProps(errors, "category")} {...register("category")}>
        <option value="corporate">Corporate</option>
        <option value="vpn">VPN</option>
      </SelectField>
      <TextAreaField
        label="CIDRs"
        rows={2}
        placeholder={ips.length ? "Leave empty for the suggestion" : undefined}
        hint="One per line or comma-separated. Leave empty and Watchpost uses the alert's IPs, each widened to its /24 (IPv4) or /64 (IPv6)."
        {...fieldErrorProps(errors, "cidrs")}
        {...register("cidrs")}
      />
      <TextField label="Expires" type="date" required min={tomorrow} hint="The range stops counting after this day." {...fieldErrorProps(errors, "expiresAt")} {...register("expiresAt")} />
      {unnamed ? <Alert tone="error">{unnamed}</Alert> : null}
    </ConfirmDialog>
  );
}
