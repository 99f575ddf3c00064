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
    // A plain form: the server answers with a redirect to the IdP (no script needed).
    return (
      <form method="get" action={SAML_LOGIN_PATH} onSubmit={() => setIsBusy(true)}>
        <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/"} />
        <Button type="submit" className="w-full" isBusy={isBusy}>
          Sign in with {displayName}
        </Button>
      </form>
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
