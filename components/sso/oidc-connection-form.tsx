"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { applyProblem, fieldErrorProps, formErrorOf } from "@/lib/client/forms";
import { useSaveOidc } from "@/lib/client/hooks/use-sso-mutations";
import { ZSaveOidcInput, type TOidcConfigDto } from "@/lib/shared/schemas/sso";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";

/** The OpenID Connect connection; saving runs discovery and a client check on the server first. */
export function OidcConnectionForm({ config }: Readonly<{ config: TOidcConfigDto | null }>) {
  const mutation = useSaveOidc();
  const { register, handleSubmit, setError, resetField, formState } = useForm({
    resolver: zodResolver(ZSaveOidcInput),
    defaultValues: {
      displayName: config?.displayName ?? "",
      issuer: config?.issuer ?? "",
      clientId: config?.clientId ?? "",
      clientSecret: "",
      scopes: config?.scopes ?? "openid email profile",
      groupsClaim: config?.groupsClaim ?? "groups",
    },
  });
  const { errors } = formState;
  const formError = formErrorOf(errors);
  const onSubmit = handleSubmit((input) => mutation.mutate(input, { onSuccess: () => resetField("clientSecret"), onError: (error) => applyProblem(setError, error) }));
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="OpenID Connect">
      <TextField label="Display name" hint="Shown on the sign-in button: Sign in with …" {...fieldErrorProps(errors, "displayName")} {...register("displayName")} />
      <TextField label="Issuer URL" placeholder="https://login.microsoftonline.com/<tenant-id>/v2.0" {...fieldErrorProps(errors, "issuer")} {...register("issuer")} />
      <TextField label="Client ID" autoComplete="off" {...fieldErrorProps(errors, "clientId")} {...register("clientId")} />
      <TextField
        label="Client secret"
        type="password"
        autoComplete="new-password"
        placeholder={config?.isClientSecretSet ? "set (leave empty to keep it)" : ""}
        hint={config?.isClientSecretSet ? "A secret is set. It is stored encrypted and never shown again." : undefined}
        {...fieldErrorProps(errors, "clientSecret")}
        {...register("clientSecret")}
      />
      <TextField label="Scopes" hint="Space-separated; must include openid" {...fieldErrorProps(errors, "scopes")} {...register("scopes")} />
      <TextField label="Groups claim" hint="The ID token claim that lists the user's groups, e.g. groups or realm_access.roles" {...fieldErrorProps(errors, "groupsClaim")} {...register("groupsClaim")} />
      <div className="space-y-3 sm:col-span-2">
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        {mutation.isSuccess ? <Alert tone="success">The identity provider answered as expected: the connection is saved.</Alert> : null}
        <Button type="submit" isBusy={mutation.isPending}>
          Check and save
        </Button>
      </div>
    </form>
  );
}
