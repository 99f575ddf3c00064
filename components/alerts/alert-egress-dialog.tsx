"use client";

import { useState } from "react";
import { fieldErrorProps, toServerError, zodFieldErrors, type TFieldErrors } from "@/lib/client/form-errors";
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

/**
 * "This is our egress": name the range, pick Corporate or VPN, optionally give the CIDRs (else the server
 * widens the alert's IPs to /24 or /64) and an expiry (90 days by default).
 */
export function AlertEgressDialog({ alertId, ips, onDone, onClose }: Props) {
  const mark = useMarkAlertEgress(alertId);
  const [name, setName] = useState("");
  const [category, setCategory] = useState<"corporate" | "vpn">("corporate");
  const [cidrs, setCidrs] = useState("");
  const [expires, setExpires] = useState(() => dateInputValue(new Date(Date.now() + DEFAULT_DAYS * 86_400_000)));
  const [tomorrow] = useState(() => dateInputValue(new Date(Date.now() + 86_400_000)));
  const [errors, setErrors] = useState<TFieldErrors>({});
  const server = mark.error ? toServerError(mark.error) : null;

  const onConfirm = () => {
    const list = cidrs.split(/[\s,]+/).filter(Boolean);
    const parsed = ZAlertEgressInput.safeParse({ name, category, expiresAt: endOfDay(expires), ...(list.length ? { cidrs: list } : {}) });
    if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
    setErrors({});
    mark.mutate(parsed.data, { onSuccess: onDone });
  };

  const unnamed = server && !["name", "category", "cidrs", "expiresAt"].some((f) => server.fields[f]) ? server.detail : null;
  return (
    <ConfirmDialog title="This is our egress" confirmLabel="Mark as egress" isBusy={mark.isPending} onConfirm={onConfirm} onClose={onClose}>
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
      <TextField label="Range name" required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Berlin office" {...fieldErrorProps("name", errors, server)} />
      <SelectField label="Category" value={category} onChange={(e) => setCategory(e.target.value as "corporate" | "vpn")} {...fieldErrorProps("category", errors, server)}>
        <option value="corporate">Corporate</option>
        <option value="vpn">VPN</option>
      </SelectField>
      <TextAreaField
        label="CIDRs"
        rows={2}
        value={cidrs}
        onChange={(e) => setCidrs(e.target.value)}
        placeholder={ips.length ? "Leave empty for the suggestion" : undefined}
        hint="One per line or comma-separated. Leave empty and Watchpost uses the alert's IPs, each widened to its /24 (IPv4) or /64 (IPv6)."
        {...fieldErrorProps("cidrs", errors, server)}
      />
      <TextField label="Expires" type="date" required min={tomorrow} value={expires} onChange={(e) => setExpires(e.target.value)} hint="The range stops counting after this day." {...fieldErrorProps("expiresAt", errors, server)} />
      {unnamed ? <Alert tone="error">{unnamed}</Alert> : null}
    </ConfirmDialog>
  );
}
