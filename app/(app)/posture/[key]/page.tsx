import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RecommendationDetailView } from "@/components/posture/recommendation-detail-view";
import { findRecommendation } from "@/lib/posture/catalog";
import { requirePageUser } from "@/lib/server/auth/require-page-user";
import { listConnectors } from "@/lib/server/services/connectors/get-connectors";

export const metadata: Metadata = { title: "Recommendation" };

type Props = Readonly<{ params: Promise<{ key: string }>; searchParams: Promise<{ connector?: string | string[] }> }>;

export default async function RecommendationPage({ params, searchParams }: Props) {
  const { key } = await params;
  const { connector } = await searchParams;
  const principal = await requirePageUser({ path: `/posture/${key}` });
  if (!findRecommendation(key)) notFound();
  const connectors = await listConnectors();
  const chosen = connectors.find((c) => c.id === connector) ?? connectors[0];
  if (!chosen) notFound();
  return <RecommendationDetailView connectorId={chosen.id} connectorName={chosen.name} recommendationKey={key} isAdmin={principal.role === "admin"} />;
}
