import type { Metadata } from "next";
import { PageHeader } from "@/components/layout/page-header";
import { ChangePasswordForm } from "@/components/settings/change-password-form";
import { Card } from "@/components/ui/card";
import { CHANGE_PASSWORD_PATH, requirePageUser } from "@/lib/server/auth/require-page-user";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const principal = await requirePageUser({ path: CHANGE_PASSWORD_PATH });
  return (
    <>
      <PageHeader title="Change password" description="Your other sessions are signed out when you change it; this one goes on. API tokens are kept." />
      <Card title="Your password">
        <ChangePasswordForm isTemporary={principal.mustChangePassword ?? false} />
      </Card>
    </>
  );
}
