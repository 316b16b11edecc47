// Tax rates per country and region (lib/settings/tax-rates.ts), applied from the next checkout on.
import type { Metadata } from "next";
import { requireAdminSettingsPage } from "@/lib/auth/guard";
import { prisma } from "@/lib/db";
import { bpsToPercent, listTaxRatesForAdmin } from "@/lib/settings/tax-rates";
import { DataTable, TableHead } from "@/components/admin/ui";
import { RecordChanges } from "@/components/admin/settings/record-changes";
import type { SettingsField } from "@/components/admin/settings/settings-form";
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
  const { canEdit } = await requireAdminSettingsPage("/admin/settings/tax");
  const rates = await listTaxRatesForAdmin(prisma);
  return (
    <SettingsShell
      title="Tax"
      description="The tax rate of each destination: a region's rate replaces its country's; a destination with neither is not taxed. Changes apply from the next checkout."
      canEdit={canEdit}
      create={{
        title: "Set a rate",
        label: "Set a tax rate",
        action: saveTaxRateAction,
        submitLabel: "Save rate",
        successMessage: "Saved. Applies from the next checkout.",
        fields,
      }}
    >
      <DataTable caption="Tax rates">
        <TableHead columns={["Country", "Region", "Rate", "Name", "Changes"]} />
        <tbody>
          {rates.map((rate) => (
            <tr key={rate.id} data-tax={`${rate.country}:${rate.region}`}>
              <td>{rate.country}</td>
              <td>{rate.region || "whole country"}</td>
              <td className="tabular-nums">{bpsToPercent(rate.rateBps)} %</td>
              <td>{rate.name}</td>
              <td>
                <RecordChanges
                  id={rate.id}
                  name={`the rate of ${rate.country}${rate.region ? `-${rate.region}` : ""}`}
                  canEdit={canEdit}
                  deleteAction={deleteTaxRateAction}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </SettingsShell>
  );
}
