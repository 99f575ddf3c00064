"use client";

import { useState } from "react";
import { messageOf } from "@/lib/client/forms";
import { useRemoveSsoConnection } from "@/lib/client/hooks/use-sso-mutations";
import type { TSsoProtocol } from "@/lib/shared/schemas/sso";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";

/** "Remove connection", after a confirmation that says what else goes with it (audited on the server). */
export function RemoveConnectionButton({ protocol, displayName, isLast, requireSso }: Readonly<{ protocol: TSsoProtocol; displayName: string; isLast: boolean; requireSso: boolean }>) {
  const [isConfirming, setIsConfirming] = useState(false);
  const mutation = useRemoveSsoConnection();
  const error = mutation.error ? (messageOf(mutation.error) ?? (mutation.error as Error).message) : undefined;
  return (
    <>
      <Button type="button" variant="secondary" onClick={() => setIsConfirming(true)}>
        Remove connection
      </Button>
      {isConfirming ? (
        <ConfirmDialog
          title={`Remove the connection “${displayName}”?`}
          confirmLabel="Remove connection"
          isBusy={mutation.isPending}
          onConfirm={() => mutation.mutate(protocol, { onSuccess: () => setIsConfirming(false) })}
          onClose={() => setIsConfirming(false)}
        >
          <p>Its users can no longer sign in with it. Their Watchpost accounts stay, with no password.</p>
          {isLast ? <p>It is the last connection: the role mappings go with it{requireSso ? ", and Require SSO is switched off (password sign-in works again for everyone)" : ""}.</p> : null}
          {error ? <Alert tone="error">{error}</Alert> : null}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
