"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { atlassianUserIdQuery } from "@/lib/client/queries/users";
import type { TIncidentDto } from "@/lib/shared/schemas/incidents";
import { incidentUserLabel } from "./incident-format";

const LINK = "font-medium break-words text-brand-700 hover:underline dark:text-sky-300";

/** The incident's account, linking to its user page (/users/{id}) once the directory knows it, else to the users search. */
export function IncidentUserLink({ incident }: Readonly<{ incident: Pick<TIncidentDto, "connectorId" | "user"> }>) {
  const { connectorId, user } = incident;
  const userId = useQuery(atlassianUserIdQuery(connectorId, user.accountId));
  const href = userId.data ? `/users/${userId.data}` : `/users?connectorId=${connectorId}&q=${encodeURIComponent(user.accountId)}`;
  return (
    <span className="min-w-0">
      <Link href={href} className={LINK} data-testid="incident-user-link">
        {incidentUserLabel(user)}
      </Link>
      {user.name && user.email ? <span className="block text-xs text-slate-500 dark:text-slate-400">{user.email}</span> : null}
    </span>
  );
}
