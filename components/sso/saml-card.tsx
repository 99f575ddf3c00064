"use client";

import { SAML_METADATA_PATH, type TSsoSettingsDto } from "@/lib/shared/schemas/sso";
import { Card } from "../ui/card";
import { CopyButton } from "../ui/copy-button";
import { DescriptionList } from "../ui/description-list";
import { RemoveConnectionButton } from "./remove-connection-button";
import { SamlConnectionForm } from "./saml-connection-form";

/** SAML 2.0: what to register at the IdP (entity ID, ACS URL, or the SP metadata file), the IdP's metadata, and removal. */
export function SamlCard({ settings }: Readonly<{ settings: TSsoSettingsDto }>) {
  const { saml } = settings;
  const withCopy = (value: string, testId: string, label: string) => (
    <span className="inline-flex items-center gap-2 break-all">
      <code data-testid={testId}>{value}</code>
      <CopyButton value={value} label={`Copy ${label}`} />
    </span>
  );
  return (
    <Card title="SAML 2.0" description="Register Watchpost at your identity provider with these values, or give it the SP metadata file. Assertions must be signed.">
      <div className="space-y-5">
        <DescriptionList
          items={[
            { label: "Entity ID (Audience)", value: withCopy(settings.samlEntityId, "saml-entity-id", "entity ID") },
            { label: "ACS URL (Reply URL, Recipient)", value: withCopy(settings.samlAcsUrl, "saml-acs-url", "ACS URL"), hint: "HTTP-POST binding" },
          ]}
        />
        <a
          href={SAML_METADATA_PATH}
          download="watchpost-sp-metadata.xml"
          className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800"
        >
          Download SP metadata
        </a>
        {saml ? (
          <DescriptionList
            items={[
              { label: "IdP entity ID", value: <span className="break-all">{saml.idpEntityId}</span>, testId: "saml-idp-entity-id" },
              { label: "IdP sign-in URL", value: <span className="break-all">{saml.idpSsoUrl}</span> },
              ...saml.certificates.map((c, i) => ({
                label: `Signing certificate ${i + 1} (SHA-256)`,
                value: <span className="font-mono text-xs break-all">{c.fingerprint}</span>,
                hint: c.notAfter ? `expires ${c.notAfter.slice(0, 10)}` : undefined,
              })),
            ]}
          />
        ) : null}
        <SamlConnectionForm config={saml} />
        {saml ? (
          <RemoveConnectionButton protocol="saml" displayName={saml.displayName} isLast={!settings.oidc} requireSso={settings.requireSso} />
        ) : null}
      </div>
    </Card>
  );
}
