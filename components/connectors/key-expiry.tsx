import { keyHealth } from "@/lib/shared/connector-insights";
import type { TConnectorDto } from "@/lib/shared/schemas/connectors";
import { Badge } from "../ui/badge";
import { formatDate } from "../ui/format";

type Props = Readonly<{ connector: Pick<TConnectorDto, "apiKeyExpiresAt" | "apiKeySetAt">; now: Date }>;

/** The key's expiry date, with a warning from 30 days before (Watchpost's first reminder). */
export function KeyExpiry({ connector, now }: Props) {
  const health = keyHealth(connector, now);
  return (
    <span className="inline-flex flex-wrap items-center gap-2" title={connector.apiKeyExpiresAt}>
      <span>{formatDate(connector.apiKeyExpiresAt)}</span>
      {health.isExpired ? <Badge tone="red">Expired</Badge> : null}
      {health.isExpiringSoon ? <Badge tone="amber">{health.daysToExpiry < 1 ? "Expires today" : `Expires in ${health.daysToExpiry} d`}</Badge> : null}
    </span>
  );
}
