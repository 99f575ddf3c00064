"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyProblem, fieldErrorProps, formErrorOf } from "@/lib/client/forms";
import { useSaveSaml } from "@/lib/client/hooks/use-sso-mutations";
import { MAX_SAML_METADATA_BYTES, ZSaveSamlInput, type TSamlConfigDto } from "@/lib/shared/schemas/sso";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";

type Source = "url" | "file";

/** The SAML connection from the IdP's metadata: a URL Watchpost fetches, or an uploaded XML file. */
export function SamlConnectionForm({ config }: Readonly<{ config: TSamlConfigDto | null }>) {
  const mutation = useSaveSaml();
  const [source, setSource] = useState<Source>(config && !config.metadataUrl ? "file" : "url");
  const [fileName, setFileName] = useState<string>();
  const { register, handleSubmit, setError, setValue, clearErrors, formState } = useForm({
    resolver: zodResolver(ZSaveSamlInput),
    defaultValues: { displayName: config?.displayName ?? "", metadataUrl: config?.metadataUrl ?? "", metadataXml: undefined as string | undefined, groupsAttribute: config?.groupsAttribute ?? "groups" },
  });
  const { errors } = formState;
  const formError = formErrorOf(errors);
  const chooseSource = (next: Source) => {
    setSource(next);
    clearErrors();
    // Only the chosen source is sent: the schema wants exactly one.
    if (next === "url") setValue("metadataXml", undefined);
    else setValue("metadataUrl", undefined);
  };
  const onFile = async (file: File | undefined) => {
    setFileName(file?.name);
    if (!file) return setValue("metadataXml", undefined);
    if (file.size > MAX_SAML_METADATA_BYTES) return setError("metadataXml", { message: "The metadata XML must be at most 256 KB" });
    clearErrors("metadataXml");
    setValue("metadataXml", await file.text());
  };
  const onSubmit = handleSubmit((input) => mutation.mutate(input, { onError: (error) => applyProblem(setError, error) }));
  const xmlError = fieldErrorProps(errors, "metadataXml").error ?? (source === "file" ? fieldErrorProps(errors, "metadataUrl").error : undefined);
  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="SAML 2.0">
      <TextField label="Display name" hint="Shown on the sign-in button: Sign in with …" {...fieldErrorProps(errors, "displayName")} {...register("displayName")} />
      <TextField
        label="Groups attribute"
        hint="The assertion attribute that lists the user's groups, e.g. groups or http://schemas.microsoft.com/ws/2008/06/identity/claims/groups"
        {...fieldErrorProps(errors, "groupsAttribute")}
        {...register("groupsAttribute")}
      />
      <fieldset className="space-y-2 sm:col-span-2">
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">IdP metadata</legend>
        <div className="flex gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="saml-source" checked={source === "url"} onChange={() => chooseSource("url")} /> Metadata URL
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="saml-source" checked={source === "file"} onChange={() => chooseSource("file")} /> Upload metadata XML
          </label>
        </div>
        {source === "url" ? (
          <TextField label="Metadata URL" placeholder="https://login.microsoftonline.com/<tenant-id>/federationmetadata/2007-06/federationmetadata.xml?appid=<app-id>" {...fieldErrorProps(errors, "metadataUrl")} {...register("metadataUrl")} />
        ) : (
          <div className="space-y-1">
            <label htmlFor="saml-metadata-file" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
              Metadata XML file
            </label>
            <input
              id="saml-metadata-file"
              type="file"
              accept=".xml,application/xml,text/xml,application/samlmetadata+xml"
              className="block text-sm"
              aria-invalid={xmlError ? true : undefined}
              aria-describedby={xmlError ? "saml-metadata-file-error" : undefined}
              onChange={(e) => void onFile(e.target.files?.[0])}
            />
            {fileName && !xmlError ? <p className="text-xs text-slate-500">{fileName}</p> : null}
            {xmlError ? (
              <p id="saml-metadata-file-error" role="alert" className="text-xs text-red-600 dark:text-red-400">
                {xmlError}
              </p>
            ) : null}
          </div>
        )}
      </fieldset>
      <div className="space-y-3 sm:col-span-2">
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        {mutation.isSuccess ? <Alert tone="success">The IdP metadata was read: the connection is saved. Assertions must be signed with its certificate.</Alert> : null}
        <Button type="submit" isBusy={mutation.isPending}>
          Read metadata and save
        </Button>
      </div>
    </form>
  );
}
