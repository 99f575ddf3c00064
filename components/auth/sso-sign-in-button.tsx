"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { SSO_PROVIDER_ID } from "@/lib/shared/schemas/sso";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";

/** "Sign in with <IdP>": next-auth starts the authorization code flow (PKCE, state, nonce) and sends the browser to the IdP. */
export function SsoSignInButton({ displayName, callbackUrl }: Readonly<{ displayName: string; callbackUrl?: string }>) {
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
  return (
    <div className="space-y-2">
      <Button type="button" className="w-full" isBusy={isBusy} onClick={() => void onClick()}>
        Sign in with {displayName}
      </Button>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
