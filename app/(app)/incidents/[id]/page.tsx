import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { IncidentDetailView } from "@/components/incidents/incident-detail-view";
import { BackLink } from "@/components/layout/back-link";
import { requirePageUser } from "@/lib/server/auth/require-page-user";
import { hasRole } from "@/lib/shared/roles";
import { ZIncidentIdParams } from "@/lib/shared/schemas/incidents";

export const metadata: Metadata = { title: "Incident" };

type Props = Readonly<{ params: Promise<{ id: string }> }>;

/** The incident is read by the view through GET /api/v1/incidents/{id} (it polls: alerts keep joining an open incident). */
export default async function IncidentPage({ params }: Props) {
  const { id } = await params;
  const principal = await requirePageUser({ path: `/incidents/${id}` });
  const parsed = ZIncidentIdParams.safeParse({ id });
  if (!parsed.success) notFound();
  return (
    <>
      <BackLink href="/incidents" label="All incidents" />
      <IncidentDetailView id={parsed.data.id} canAct={hasRole(principal.role, "analyst")} currentUserId={principal.userId} />
    </>
  );
}
