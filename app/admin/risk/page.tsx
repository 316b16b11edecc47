// The store's own fraud rules (lib/orders/risk-settings.ts), administrators only: what each rule looks at,
// its points, and the score that holds an order for review.
import type { Metadata } from "next";
import { prisma } from "@/lib/db";
import { requireAdminPage } from "@/lib/auth/guard";
import { readRiskSettings, riskSettingsFormValues } from "@/lib/orders/risk-settings";
import { AdminPageHeader, Card, LastSavedNote } from "@/components/admin/ui";
import { RiskSettingsForm } from "@/components/admin/risk/risk-settings-form";
import { updateRiskSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Fraud rules" };

export default async function RiskSettingsPage() {
  await requireAdminPage("ADMIN", "/admin/risk");
  const settings = await readRiskSettings(prisma);
  return (
    <div className="flex flex-col gap-6">
      <AdminPageHeader
        title="Fraud rules"
        description="When an order is paid, each rule that fires adds its points. At the hold score or above, the order is held for review like a payment provider's review: it cannot ship until someone resolves the review on its page (or cancels it). The score and its reasons show on the order."
      />
      <Card>
        <RiskSettingsForm action={updateRiskSettingsAction} values={riskSettingsFormValues(settings)} />
        <LastSavedNote updatedAt={settings.updatedAt} />
      </Card>
    </div>
  );
}
