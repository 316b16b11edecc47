// Shipping zones and rates (lib/settings/shipping-rates.ts), charged from the next checkout on.
import type { Metadata } from "next";
import { requireAdminSettingsPage } from "@/lib/auth/guard";
import { prisma } from "@/lib/db";
import { storeCurrency, toDecimalString } from "@/lib/money";
import { getStoreMoneyFormatter } from "@/lib/settings/money-format";
import { listShippingRatesForAdmin } from "@/lib/settings/shipping-rates";
import { DataTable, TableHead } from "@/components/admin/ui";
import { RecordChanges } from "@/components/admin/settings/record-changes";
import type { SettingsField } from "@/components/admin/settings/settings-form";
import { SettingsShell } from "@/components/admin/settings/settings-shell";
import { deleteShippingRateAction, saveShippingRateAction } from "../actions";

export const metadata: Metadata = { title: "Shipping" };

function rateFields(currency: string): SettingsField[] {
  return [
    { name: "zone", label: "Zone", required: true, hint: "e.g. domestic, europe, world" },
    {
      name: "countries",
      label: "Countries",
      hint: "Two-letter codes (US, CA); empty: every country no other zone lists",
      wide: true,
    },
    {
      name: "method",
      label: "Method",
      type: "select",
      options: [
        { value: "STANDARD", label: "Standard" },
        { value: "EXPRESS", label: "Express" },
      ],
    },
    { name: "name", label: "Name shoppers see", required: true },
    { name: "price", label: `Price (${currency})`, inputMode: "decimal", required: true },
    {
      name: "freeOver",
      label: `Free from (${currency})`,
      inputMode: "decimal",
      hint: "Empty: never free by this rate",
    },
    { name: "minDays", label: "Fastest (days)", inputMode: "numeric", required: true },
    { name: "maxDays", label: "Slowest (days)", inputMode: "numeric", required: true },
    { name: "active", label: "Offered at checkout", type: "checkbox" },
  ];
}

export default async function ShippingSettingsPage() {
  const { canEdit } = await requireAdminSettingsPage("/admin/settings/shipping");
  const formatMoney = await getStoreMoneyFormatter();
  const currency = storeCurrency();
  const rates = await listShippingRatesForAdmin(prisma);
  const fields = rateFields(currency);
  return (
    <SettingsShell
      title="Shipping"
      description="Flat rates per zone and method. A zone's countries get its rates; a zone without countries serves every country no other zone lists. Changes are charged from the next checkout."
      canEdit={canEdit}
      create={{
        title: "New rate",
        label: "New shipping rate",
        action: saveShippingRateAction,
        submitLabel: "Add rate",
        successMessage: "Rate added.",
        values: { method: "STANDARD", minDays: "3", maxDays: "5", active: "on" },
        fields,
      }}
    >
      <DataTable caption="Shipping rates">
        <TableHead columns={["Zone", "Method", "Countries", "Price", "Free from", "Changes"]} />
        <tbody>
          {rates.map((rate) => (
            <tr key={rate.id} data-rate={`${rate.zone}:${rate.method}`}>
              <td className="font-medium">
                {rate.zone}
                {rate.active ? "" : " (off)"}
              </td>
              <td>{rate.name}</td>
              <td className="max-w-48 truncate text-xs">
                {rate.countries.length > 0 ? rate.countries.join(", ") : "rest of the world"}
              </td>
              <td className="tabular-nums">{formatMoney(rate.priceCents, rate.currency)}</td>
              <td className="tabular-nums">
                {rate.freeOverCents === null ? "—" : formatMoney(rate.freeOverCents, rate.currency)}
              </td>
              <td>
                <RecordChanges
                  id={rate.id}
                  name={`${rate.zone} ${rate.method.toLowerCase()}`}
                  canEdit={canEdit}
                  edit={{
                    action: saveShippingRateAction,
                    submitLabel: "Save rate",
                    successMessage: "Saved. Charged from the next checkout.",
                    values: {
                      zone: rate.zone,
                      countries: rate.countries.join(", "),
                      method: rate.method,
                      name: rate.name,
                      price: toDecimalString(rate.priceCents, rate.currency),
                      freeOver: rate.freeOverCents === null ? "" : toDecimalString(rate.freeOverCents, rate.currency),
                      minDays: String(rate.minDays),
                      maxDays: String(rate.maxDays),
                      active: rate.active ? "on" : "",
                    },
                    fields,
                  }}
                  deleteAction={deleteShippingRateAction}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </SettingsShell>
  );
}
