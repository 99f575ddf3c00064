"use client";

import { useQuery } from "@tanstack/react-query";
import { ssoSettingsQuery } from "@/lib/client/queries/sso";
import { Card } from "../ui/card";
import { QueryState } from "../ui/query-state";
import { BreakGlassAccounts } from "./break-glass-accounts";
import { OidcConnectionForm } from "./oidc-connection-form";
import { RemoveConnectionButton } from "./remove-connection-button";
import { SamlCard } from "./saml-card";
import { SsoPolicyForm } from "./sso-policy-form";

/**
 * Settings → Single sign-on: the OpenID provider, the SAML IdP, who gets which role, Require SSO and its break-glass accounts. The
 * forms keep what was typed after a save (it is what the server stored), so their success messages stay.
 */
export function SsoView() {
  const settings = useQuery(ssoSettingsQuery());
  const data = settings.data;
  return (
    <QueryState isPending={settings.isPending} error={settings.error} onRetry={() => void settings.refetch()}>
      {data ? (
        <div className="space-y-6">
          <Card
            title="OpenID Connect"
            description={
              <>
                Register this redirect URL at your identity provider: <code data-testid="sso-redirect-url">{data.redirectUrl}</code>
              </>
            }
          >
            <div className="space-y-5">
              <OidcConnectionForm config={data.oidc} />
              {data.oidc ? <RemoveConnectionButton protocol="oidc" displayName={data.oidc.displayName} isLast={!data.saml} requireSso={data.requireSso} /> : null}
            </div>
          </Card>
          <SamlCard settings={data} />
          {data.oidc || data.saml ? (
            <Card title="Roles and policy" description="For every connection: the first mapping whose group the user has decides the role, at every sign-in. Group values are compared exactly.">
              <SsoPolicyForm settings={data} />
            </Card>
          ) : null}
          <Card title="Break-glass accounts" description="Local accounts that may sign in with their password while SSO is required. Single sign-on never changes their role.">
            <BreakGlassAccounts users={data.breakGlassUsers} />
          </Card>
        </div>
      ) : null}
    </QueryState>
  );
}
