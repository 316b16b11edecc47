// The store's scalar settings (lib/settings/store-settings.ts): staff read them, administrators change them.
import type { Metadata } from "next";
import { requireAdminSettingsPage } from "@/lib/auth/guard";
import { prisma } from "@/lib/db";
import { storeCurrency } from "@/lib/money";
import { readStoreSettings, storeSettingsFormValues } from "@/lib/settings/store-settings";
import { Card, LastSavedNote } from "@/components/admin/ui";
import { SettingsForm } from "@/components/admin/settings/settings-form";
import { SettingsShell } from "@/components/admin/settings/settings-shell";
import { updateStoreSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };

export default async function StoreSettingsPage() {
  const { canEdit } = await requireAdminSettingsPage("/admin/settings");
  const settings = await readStoreSettings(prisma);
  const currency = storeCurrency();
  return (
    <SettingsShell
      title="Settings"
      description="The store's settings. A change applies from the next checkout; a shopper already at the review step is shown the new total before paying."
      canEdit={canEdit}
    >
      <Card title="Store">
        <SettingsForm
          label="Store settings"
          testId="store-settings"
          action={updateStoreSettingsAction}
          readOnly={!canEdit}
          values={storeSettingsFormValues(settings)}
          submitLabel="Save settings"
          successMessage="Saved. The settings apply from the next checkout."
          fields={[
            {
              name: "currencyDisplay",
              label: `How prices show the currency (${currency})`,
              type: "select",
              options: [
                { value: "symbol", label: "Symbol ($12.00)" },
                { value: "narrowSymbol", label: "Narrow symbol ($12.00, never US$)" },
                { value: "code", label: "Code (USD 12.00)" },
              ],
            },
            {
              name: "returnWindowDays",
              label: "Return window (days)",
              inputMode: "numeric",
              required: true,
              hint: "0 to 365; 0: no returns",
            },
            {
              name: "freeShippingThreshold",
              label: `Free shipping from (${currency})`,
              inputMode: "decimal",
              hint: "Any method, on the subtotal after discounts; empty: only each rate's own",
            },
            {
              name: "lowStockRecipients",
              label: "Low-stock digest recipients",
              type: "textarea",
              wide: true,
              hint: "Emails separated by commas; empty: every staff member and administrator",
            },
          ]}
        />
        <LastSavedNote updatedAt={settings.updatedAt} />
      </Card>
    </SettingsShell>
  );
}
