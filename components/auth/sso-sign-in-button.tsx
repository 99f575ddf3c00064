"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { SAML_LOGIN_PATH, SSO_PROVIDER_ID, type TSsoProtocol } from "@/lib/shared/schemas/sso";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";

/**
 * "Sign in with <IdP>". OpenID Connect: next-auth starts the authorization code flow (PKCE, state, nonce). SAML: the
 * server sends the browser to the IdP with an AuthnRequest (HTTP-Redirect binding).
 */
export function SsoSignInButton({ protocol = "oidc", displayName, callbackUrl }: Readonly<{ protocol?: TSsoProtocol; displayName: string; callbackUrl?: string }>) {
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string>();
  const onClick = async () => {
    setIsBusy(true);
    setError(undefined);
    try {
      await signIn(SSO_PROVIDER_ID, { callbackUrl: callbackUrl ?? "/" });
    } catch {
      setError("Cannot reach the Watchpost server. Try again.");
      setIsBusy(false);
    }
  };
  if (protocol === "saml") {
    // A link, not a form: the CSP's form-action 'self' would block the redirect to the IdP that follows a form.
    const href = `${SAML_LOGIN_PATH}?${new URLSearchParams({ callbackUrl: callbackUrl ?? "/" }).toString()}`;
    return (
      <a href={href} className="bg-brand-600 hover:bg-brand-700 inline-flex w-full items-center justify-center rounded-md px-3 py-2 text-sm font-medium text-white transition-colors">
        Sign in with {displayName}
      </a>
    );
  }
  return (
    <div className="space-y-2">
      <Button type="button" className="w-full" isBusy={isBusy} onClick={() => void onClick()}>
        Sign in with {displayName}
      </Button>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
