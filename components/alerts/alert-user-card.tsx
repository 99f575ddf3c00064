import Link from "next/link";
import type { TAlertDetailDto } from "@/lib/shared/schemas/alerts";
import { Badge } from "../ui/badge";
import { Card } from "../ui/card";
import { DataTable } from "../ui/data-table";
import { DescriptionList } from "../ui/description-list";
import { LocalTime } from "../ui/local-time";
import { UserStatusBadge } from "../users/user-status-badge";
import { countryName } from "./alert-format";
import { AlertStatusBadge } from "./alert-status-badge";
import { SeverityBadge } from "./severity-badge";

/** Who the alert is about: admin or not, account status, the countries seen (30 days of rollups) and their other recent alerts. */
export function AlertUserCard({ alert }: Readonly<{ alert: TAlertDetailDto }>) {
  const { user, context } = alert;
  const lookup = user.accountId ?? user.email;
  return (
    <Card title="User">
      <div className="space-y-5">
        <DescriptionList
          items={[
            {
              label: "User",
              value: (
                <span className="break-words">
                  {user.name ?? user.email ?? user.accountId ?? "—"}
                  {user.name && user.email ? <span className="block text-xs font-normal text-slate-500 dark:text-slate-400">{user.email}</span> : null}
                </span>
              ),
            },
            { label: "Org admin", value: context.isAdmin === null ? "Not in the directory" : context.isAdmin ? <Badge tone="brand">Admin</Badge> : "No", testId: "alert-user-admin" },
            { label: "Account status", value: context.userStatus ? <UserStatusBadge status={context.userStatus} /> : "Unknown", testId: "alert-user-status" },
          ]}
        />
        {lookup ? (
          <p>
            <Link href={`/users?connectorId=${alert.connectorId}&q=${encodeURIComponent(lookup)}`} className="text-sm text-brand-700 hover:underline dark:text-sky-300">
              Find this account in Users →
            </Link>
          </p>
        ) : null}
        <section aria-label="Countries seen">
          <h3 className="mb-2 text-sm font-semibold">Countries seen</h3>
          {context.countriesSeen.length === 0 ? (
            <p className="text-sm text-slate-500 dark:text-slate-400">No locations recorded for this user.</p>
          ) : (
            <DataTable columns={[{ label: "Country" }, { label: "First seen" }, { label: "Last seen" }]}>
              {context.countriesSeen.map((c) => (
                <tr key={c.countryCode}>
                  <td className="py-1.5 pr-4">
                    {countryName(c.countryCode)} <span className="text-xs text-slate-500 dark:text-slate-400">{c.countryCode}</span>
                  </td>
                  <td className="py-1.5 pr-4 whitespace-nowrap">
                    <LocalTime iso={c.firstSeenAt} isDateOnly />
                  </td>
                  <td className="py-1.5 whitespace-nowrap">
                    <LocalTime iso={c.lastSeenAt} isDateOnly />
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </section>
        <section aria-label="Recent alerts">
          <h3 className="mb-2 text-sm font-semibold">Other recent alerts</h3>
          {context.recentAlerts.length === 0 ? (
            <p className="text-sm text-slate-500 dark:text-slate-400">No other alerts for this user.</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {context.recentAlerts.map((a) => (
                <li key={a.id}>
                  <Link href={`/alerts/${a.id}`} className="text-brand-700 hover:underline dark:text-sky-300">
                    {a.title}
                  </Link>
                  <span className="mt-0.5 flex flex-wrap items-center gap-1.5 text-xs text-slate-500 dark:text-slate-400">
                    <SeverityBadge severity={a.severity} />
                    <AlertStatusBadge status={a.status} />
                    <LocalTime iso={a.createdAt} isDateOnly />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </Card>
  );
}
