"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { downloadPkcs12 } from "@/lib/client/api/devices";
import { applyProblem, fieldErrorProps, formErrorOf } from "@/lib/client/forms";
import { useIssueCertificate } from "@/lib/client/hooks/use-device-mutations";
import { CERTIFICATE_DAYS, ZIssueCertificateInput, type TIssueCertificateInput } from "@/lib/shared/schemas/devices";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { SelectField, TextField } from "../ui/field";

/** The select gives "30", "90"…: a number before the shared schema checks it. */
const ZIssueCertificateForm = z
  .object({ name: z.string(), expiresInDays: z.string(), passphrase: z.string() })
  .transform((v): TIssueCertificateInput => ({ name: v.name, expiresInDays: Number(v.expiresInDays), passphrase: v.passphrase }))
  .pipe(ZIssueCertificateInput);

/** **Issue certificate**: the PKCS#12 downloads once; neither its key nor the passphrase is kept anywhere. */
export function IssueCertificateForm() {
  const mutation = useIssueCertificate();
  const { register, handleSubmit, reset, setError, formState } = useForm({ resolver: zodResolver(ZIssueCertificateForm) });
  const { errors } = formState;
  const formError = formErrorOf(errors);
  const onSubmit = handleSubmit((input) =>
    mutation.mutate(input, {
      onSuccess: (issued) => {
        downloadPkcs12(issued);
        reset();
      },
      onError: (error) => applyProblem(setError, error),
    }),
  );
  return (
    <div className="space-y-3">
      <form onSubmit={(e) => void onSubmit(e)} noValidate className="flex flex-wrap items-start gap-3" aria-label="Issue certificate">
        <div className="min-w-56 flex-1">
          <TextField label="Name" placeholder="e.g. Ada's laptop" maxLength={64} required {...fieldErrorProps(errors, "name")} {...register("name")} />
        </div>
        <div className="w-36">
          <SelectField label="Expires" defaultValue="365" {...fieldErrorProps(errors, "expiresInDays")} {...register("expiresInDays")}>
            {CERTIFICATE_DAYS.map((days) => (
              <option key={days} value={days}>
                in {days} days
              </option>
            ))}
          </SelectField>
        </div>
        <div className="min-w-56 flex-1">
          <TextField
            label="Passphrase"
            type="password"
            autoComplete="new-password"
            hint="At least 8 characters; needed to install the certificate on the device."
            {...fieldErrorProps(errors, "passphrase")}
            {...register("passphrase")}
          />
        </div>
        <Button type="submit" className="mt-6" isBusy={mutation.isPending}>
          Issue certificate
        </Button>
      </form>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {mutation.data ? (
        <Alert tone="success">
          Certificate “{mutation.data.certificate.name}” issued and downloaded as {mutation.data.fileName}. Install it on the device with its passphrase: it cannot be
          downloaded again.
        </Alert>
      ) : null}
    </div>
  );
}
