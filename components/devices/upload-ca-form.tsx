"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { applyProblem, fieldErrorProps, formErrorOf } from "@/lib/client/forms";
import { useUploadCa } from "@/lib/client/hooks/use-device-mutations";
import { MAX_CA_PEM_CHARS, ZUploadCaInput } from "@/lib/shared/schemas/devices";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextAreaField } from "../ui/field";

/** **Upload CA**: a PEM pasted or read from a file; the server checks it is one valid CA certificate. */
export function UploadCaForm() {
  const mutation = useUploadCa();
  const { register, handleSubmit, reset, setError, setValue, formState } = useForm({ resolver: zodResolver(ZUploadCaInput) });
  const { errors } = formState;
  const formError = formErrorOf(errors);
  const onSubmit = handleSubmit((input) => mutation.mutate(input, { onSuccess: () => reset(), onError: (error) => applyProblem(setError, error) }));
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_CA_PEM_CHARS) {
      setError("pem", { message: "The file is too large for one CA certificate" });
      return;
    }
    setValue("pem", await file.text(), { shouldValidate: true });
  };
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="space-y-3" aria-label="Upload CA">
      <TextAreaField label="CA certificate (PEM)" rows={6} placeholder="-----BEGIN CERTIFICATE-----" className="font-mono text-xs" {...fieldErrorProps(errors, "pem")} {...register("pem")} />
      <div className="flex flex-wrap items-center gap-3">
        <label className="text-sm">
          <span className="mr-2">Or read a file</span>
          <input type="file" accept=".pem,.crt,.cer,application/x-pem-file" onChange={(e) => void onFile(e.target.files?.[0])} className="text-sm" />
        </label>
        <Button type="submit" isBusy={mutation.isPending}>
          Upload CA
        </Button>
      </div>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {mutation.data ? <Alert tone="success">CA “{mutation.data.name}” is now trusted for device certificates.</Alert> : null}
    </form>
  );
}
