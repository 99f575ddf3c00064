import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { SsoView } from "@/components/sso/sso-view";
import { requirePageUser } from "@/lib/server/auth/require-page-user";

export const metadata: Metadata = { title: "Single sign-on" };

export default async function SsoPage() {
  await requirePageUser({ role: "admin", path: "/settings/sso" });
  return (
    <>
      <PageHeader title="Single sign-on" description="Sign in with your company's identity provider (OpenID Connect or SAML 2.0): users are created at their first sign-in, with the role their groups map to." />
      <SsoView />
    </>
  );
}
