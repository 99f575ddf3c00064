import type { TAtlassianUserDetail } from "@/lib/shared/schemas/atlassian-users";
import { Card } from "../ui/card";
import { DataTable } from "../ui/data-table";
import { formatCount, formatDateTime } from "../ui/format";

const Seen = ({ iso }: Readonly<{ iso: string }>) => (
  <td className="py-2 pr-4 whitespace-nowrap" title={iso}>
    {formatDateTime(iso)}
  </td>
);

/** Countries and IPs the account was seen from, with first and last seen (from the rollups). */
export function UserLocationsCard({ user }: Readonly<{ user: TAtlassianUserDetail }>) {
  return (
    <Card title="Countries and IPs seen" description="Every country and IP address of this account's activities, most recent first.">
      {user.locations.length === 0 ? (
        <p className="text-sm text-slate-500">No activity stored for this account yet.</p>
      ) : (
        <div className="space-y-6">
          <section aria-label="Countries seen">
            <h3 className="mb-2 text-sm font-semibold">Countries</h3>
            <DataTable columns={[{ label: "Country" }, { label: "First seen" }, { label: "Last seen" }, { label: "Activities", className: "text-right" }]}>
              {user.countries.map((c) => (
                <tr key={c.countryCode ?? "unknown"}>
                  <td className="py-2 pr-4">
                    {c.name}
                    {c.countryCode ? <span className="ml-1 text-xs text-slate-500">{c.countryCode}</span> : null}
                  </td>
                  <Seen iso={c.firstSeen} />
                  <Seen iso={c.lastSeen} />
                  <td className="py-2 text-right tabular-nums">{formatCount(c.count)}</td>
                </tr>
              ))}
            </DataTable>
          </section>
          <section aria-label="IP addresses seen">
            <h3 className="mb-2 text-sm font-semibold">IP addresses</h3>
            <DataTable
              columns={[{ label: "IP" }, { label: "Location" }, { label: "First seen" }, { label: "Last seen" }, { label: "Activities", className: "text-right" }]}
            >
              {user.locations.map((l) => (
                <tr key={l.ip || "none"}>
                  <td className="py-2 pr-4 font-mono text-xs">{l.ip || "No IP"}</td>
                  <td className="py-2 pr-4">{[l.city, l.country].filter(Boolean).join(", ") || "Unknown"}</td>
                  <Seen iso={l.firstSeen} />
                  <Seen iso={l.lastSeen} />
                  <td className="py-2 text-right tabular-nums">{formatCount(l.count)}</td>
                </tr>
              ))}
            </DataTable>
          </section>
        </div>
      )}
    </Card>
  );
}
