import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AlertDetailView } from "@/components/alerts/alert-detail-view";
import { BackLink } from "@/components/layout/back-link";
import { PageHeader } from "@/components/layout/page-header";
import { requirePageUser } from "@/lib/server/auth/require-page-user";
import { orPageError } from "@/lib/server/http/page-errors";
import { getAlertOrThrow } from "@/lib/server/services/detection/get-alert";
import { hasRole } from "@/lib/shared/roles";
import { ZAlertIdParams } from "@/lib/shared/schemas/alerts";

export const metadata: Metadata = { title: "Alert" };

type Props = Readonly<{ params: Promise<{ id: string }> }>;

export default async function AlertPage({ params }: Props) {
  const { id } = await params;
  const principal = await requirePageUser({ path: `/alerts/${id}` });
  const parsed = ZAlertIdParams.safeParse({ id });
  if (!parsed.success) notFound();
  const alert = await orPageError(getAlertOrThrow(parsed.data.id));
  return (
    <>
      <BackLink href="/alerts" label="All alerts" />
      <PageHeader title={alert.title} description={`${alert.policyName} · raised ${alert.createdAt.slice(0, 16).replace("T", " ")} UTC`} />
      <AlertDetailView alert={alert} canAct={hasRole(principal.role, "analyst")} currentUserId={principal.userId} />
    </>
  );
}
