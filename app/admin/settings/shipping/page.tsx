// Shipping zones and rates (lib/settings/shipping-rates.ts), charged from the next checkout on.
import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { formatMoney, storeCurrency, toDecimalString } from "@/lib/money";
import { listShippingRatesForAdmin } from "@/lib/settings/shipping-rates";
import { Card, DataTable } from "@/components/admin/ui";
import { SettingsForm, type SettingsField } from "@/components/admin/settings/settings-form";
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
  const user = await requireAdminPage("STAFF", "/admin/settings/shipping");
  const canEdit = hasRole(user.role, "ADMIN");
  const currency = storeCurrency();
  const rates = await listShippingRatesForAdmin(prisma);
  const fields = rateFields(currency);
  return (
    <SettingsShell
      title="Shipping"
      description="Flat rates per zone and method. A zone's countries get its rates; a zone without countries serves every country no other zone lists. Changes are charged from the next checkout."
      canEdit={canEdit}
    >
      {canEdit ? (
        <Card title="New rate">
          <SettingsForm
            label="New shipping rate"
            action={saveShippingRateAction}
            submitLabel="Add rate"
            successMessage="Rate added."
            values={{ method: "STANDARD", minDays: "3", maxDays: "5", active: "on" }}
            fields={fields}
          />
        </Card>
      ) : null}
      <DataTable caption="Shipping rates">
        <thead>
          <tr>
            <th scope="col">Zone</th>
            <th scope="col">Method</th>
            <th scope="col">Countries</th>
            <th scope="col">Price</th>
            <th scope="col">Free from</th>
            <th scope="col">Changes</th>
          </tr>
        </thead>
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
                <details>
                  <summary className="cursor-pointer text-sm underline">{canEdit ? "Edit" : "Details"}</summary>
                  <div className="mt-3 flex flex-col gap-4">
                    <SettingsForm
                      label={`Edit ${rate.zone} ${rate.method.toLowerCase()}`}
                      action={saveShippingRateAction}
                      readOnly={!canEdit}
                      submitLabel="Save rate"
                      successMessage="Saved. Charged from the next checkout."
                      values={{
                        id: rate.id,
                        zone: rate.zone,
                        countries: rate.countries.join(", "),
                        method: rate.method,
                        name: rate.name,
                        price: toDecimalString(rate.priceCents, rate.currency),
                        freeOver: rate.freeOverCents === null ? "" : toDecimalString(rate.freeOverCents, rate.currency),
                        minDays: String(rate.minDays),
                        maxDays: String(rate.maxDays),
                        active: rate.active ? "on" : "",
                      }}
                      fields={[{ name: "id", label: "", type: "hidden" }, ...fields]}
                    />
                    {canEdit ? (
                      <SettingsForm
                        inline
                        label={`Delete ${rate.zone} ${rate.method.toLowerCase()}`}
                        action={deleteShippingRateAction}
                        submitLabel="Delete"
                        successMessage="Deleted."
                        tone="danger"
                        values={{ id: rate.id }}
                        fields={[{ name: "id", label: "", type: "hidden" }]}
                      />
                    ) : null}
                  </div>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </DataTable>
    </SettingsShell>
  );
}
