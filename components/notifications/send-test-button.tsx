"use client";

import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useSendTest } from "@/lib/client/hooks/use-notification-mutations";
import { deliveriesQuery, notificationKeys } from "@/lib/client/queries/notifications";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";

/**
 * "Send test": queues a test message, then follows it in the deliveries (polled every second while
 * pending) until the worker has delivered it or given up, and says which.
 */
export function SendTestButton({ channelId }: Readonly<{ channelId: string }>) {
  const send = useSendTest(channelId);
  const deliveries = useInfiniteQuery(deliveriesQuery(channelId));
  const [deliveryId, setDeliveryId] = useState<string | null>(null);
  const delivery = deliveryId ? deliveries.data?.pages.flatMap((p) => p.data).find((d) => d.id === deliveryId) : undefined;
  const isWaiting = send.isPending || (deliveryId !== null && (!delivery || delivery.status === "pending"));
  const queryClient = useQueryClient();
  const outcome = delivery?.status;
  // Once sent (or given up), the channel's last success / last failure changed: refresh page and list.
  useEffect(() => {
    if (outcome && outcome !== "pending") void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
  }, [outcome, queryClient]);

  return (
    <div className="flex flex-col items-start gap-2">
      <Button
        variant="secondary"
        isBusy={isWaiting}
        onClick={() => {
          setDeliveryId(null);
          send.mutate(undefined, { onSuccess: (queued) => setDeliveryId(queued.id) });
        }}
      >
        Send test
      </Button>
      <div aria-live="polite" className="text-sm">
        {send.isError ? <Alert tone="error">{send.error.message}</Alert> : null}
        {deliveryId && isWaiting ? (
          <p className="text-slate-600 dark:text-slate-400">
            {delivery?.error ? `Attempt ${delivery.attempts} failed (${delivery.error}); retrying…` : "Sending…"}
          </p>
        ) : null}
        {delivery?.status === "succeeded" ? <Alert tone="success">Delivered</Alert> : null}
        {delivery?.status === "failed" ? <Alert tone="error">Not delivered: {delivery.error ?? "unknown error"}</Alert> : null}
      </div>
    </div>
  );
}
