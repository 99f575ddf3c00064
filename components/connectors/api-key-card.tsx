"use client";

import { useState } from "react";
import { KEY_ROTATION_DAYS, keyHealth } from "@/lib/shared/connector-insights";
import type { TConnectorDto } from "@/lib/shared/schemas/connectors";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { DescriptionList } from "../ui/description-list";
import { formatDate } from "../ui/format";
import { KeyExpiry } from "./key-expiry";
import { RotateKeyForm } from "./rotate-key-form";

type Props = Readonly<{ connector: TConnectorDto; now: Date; isAdmin: boolean; isRotateOpen: boolean; onRotateOpenChange: (isOpen: boolean) => void }>;

const ROTATION_MONTHS = Math.round(KEY_ROTATION_DAYS / 30);

/** The stored key (last 4 characters only), its expiry and age, and rotation for admins. */
export function ApiKeyCard({ connector, now, isAdmin, isRotateOpen, onRotateOpenChange }: Props) {
  const [rotatedLast4, setRotatedLast4] = useState<string>();
  const health = keyHealth(connector, now);
  return (
    <Card title="API key" description={`Rotate it every ${ROTATION_MONTHS} months: create a new key in Atlassian, rotate it here, then revoke the old one there.`}>
      <div className="space-y-4">
        <DescriptionList
          items={[
            { label: "Key", value: <span className="font-mono">…{connector.apiKeyLast4}</span>, testId: "api-key-last4" },
            { label: "Expires", value: <KeyExpiry connector={connector} now={now} /> },
            {
              label: "Age",
              value: (
                <span className="inline-flex flex-wrap items-center justify-end gap-2">
                  {health.ageDays} day(s), set {formatDate(connector.apiKeySetAt)}
                  {health.isRotationDue ? <Badge tone="amber">Rotation recommended</Badge> : null}
                </span>
              ),
            },
          ]}
        />
        {rotatedLast4 && !isRotateOpen ? (
          <Alert tone="success">Key rotated: now using the key ending in {rotatedLast4}. Syncing continues from where it was.</Alert>
        ) : null}
        {isAdmin && isRotateOpen ? (
          <RotateKeyForm
            connectorId={connector.id}
            onCancel={() => onRotateOpenChange(false)}
            onDone={(last4) => {
              setRotatedLast4(last4);
              onRotateOpenChange(false);
            }}
          />
        ) : null}
        {isAdmin && !isRotateOpen ? (
          <Button
            variant="secondary"
            onClick={() => {
              setRotatedLast4(undefined);
              onRotateOpenChange(true);
            }}
          >
            Rotate API key
          </Button>
        ) : null}
      </div>
    </Card>
  );
}
