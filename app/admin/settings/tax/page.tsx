// Tax rates per country and region (lib/settings/tax-rates.ts), applied from the next checkout on.
import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { bpsToPercent, listTaxRatesForAdmin } from "@/lib/settings/tax-rates";
import { Card, DataTable } from "@/components/admin/ui";
import { SettingsForm, type SettingsField } from "@/components/admin/settings/settings-form";
import { SettingsShell } from "@/components/admin/settings/settings-shell";
import { deleteTaxRateAction, saveTaxRateAction } from "../actions";

export const metadata: Metadata = { title: "Tax" };

const fields: SettingsField[] = [
  { name: "country", label: "Country", required: true, hint: "Two letters: US, DE" },
  { name: "region", label: "Region", hint: "State or province code (CA); empty: the whole country" },
  { name: "rate", label: "Rate (%)", inputMode: "decimal", required: true, hint: "e.g. 8.25" },
  { name: "name", label: "Name on orders", required: true },
];

export default async function TaxSettingsPage() {
  const user = await requireAdminPage("STAFF", "/admin/settings/tax");
  const canEdit = hasRole(user.role, "ADMIN");
  const rates = await listTaxRatesForAdmin(prisma);
  return (
    <SettingsShell
      title="Tax"
      description="The tax rate of each destination: a region's rate replaces its country's; a destination with neither is not taxed. Changes apply from the next checkout."
      canEdit={canEdit}
    >
      {canEdit ? (
        <Card title="Set a rate">
          <SettingsForm
            label="Set a tax rate"
            action={saveTaxRateAction}
            submitLabel="Save rate"
            successMessage="Saved. Applies from the next checkout."
            fields={fields}
          />
        </Card>
      ) : null}
      <DataTable caption="Tax rates">
        <thead>
          <tr>
            <th scope="col">Country</th>
            <th scope="col">Region</th>
            <th scope="col">Rate</th>
            <th scope="col">Name</th>
            <th scope="col">Changes</th>
          </tr>
        </thead>
        <tbody>
          {rates.map((rate) => (
            <tr key={rate.id} data-tax={`${rate.country}:${rate.region}`}>
              <td>{rate.country}</td>
              <td>{rate.region || "whole country"}</td>
              <td className="tabular-nums">{bpsToPercent(rate.rateBps)} %</td>
              <td>{rate.name}</td>
              <td>
                {canEdit ? (
                  <SettingsForm
                    inline
                    label={`Delete the rate of ${rate.country}${rate.region ? `-${rate.region}` : ""}`}
                    action={deleteTaxRateAction}
                    submitLabel="Delete"
                    successMessage="Deleted."
                    tone="danger"
                    values={{ id: rate.id }}
                    fields={[{ name: "id", label: "", type: "hidden" }]}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </SettingsShell>
  );
}
