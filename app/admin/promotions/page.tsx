// Automatic promotions (lib/settings/promotions.ts): the list with each one's stacking rule, a form for
// a new one and each one's edit form; staff read them, administrators change them.
import type { Metadata } from "next";
import { requireAdminSettingsPage } from "@/lib/auth/guard";
import { prisma } from "@/lib/db";
import { storeCurrency, toDecimalString, type FormatMoney } from "@/lib/money";
import { getStoreMoneyFormatter } from "@/lib/settings/money-format";
import { stackingLine } from "@/lib/pricing/promotions";
import { parseTiers } from "@/lib/promotions/live";
import { formatPercent, toDateTimeLocal } from "@/lib/coupons/schema";
import { PROMOTION_KINDS, PROMOTION_SCOPES } from "@/lib/settings/promotion-form";
import { listPromotionsForAdmin, shippingZones, type AdminPromotion } from "@/lib/settings/promotions";
import { AdminPageHeader, Badge, Card, DataTable, EmptyState } from "@/components/admin/ui";
import { SettingsForm, type SettingsField } from "@/components/admin/settings/settings-form";
import { StackingPreview } from "@/components/admin/promotions/stacking-preview";
import { savePromotionAction, setPromotionActiveAction } from "./actions";

export const metadata: Metadata = { title: "Promotions" };

function promotionFields(currency: string, zones: readonly string[]): SettingsField[] {
  const options = (labels: Record<string, string>) =>
    Object.entries(labels).map(([value, label]) => ({ value, label }));
  return [
    { name: "name", label: "Name shoppers see", required: true, hint: "Shown in the cart and on the order" },
    { name: "kind", label: "Kind", type: "select", options: options(PROMOTION_KINDS) },
    { name: "scope", label: "Applies to", type: "select", options: options(PROMOTION_SCOPES) },
    { name: "targets", label: "Slugs", hint: "Products, categories or brands, per “Applies to”", wide: true },
    { name: "percent", label: "Percent off", inputMode: "decimal", hint: "Percentage off; buy X get Y: empty = free" },
    { name: "amount", label: `Amount off (${currency})`, inputMode: "decimal" },
    { name: "buyQuantity", label: "Buy (X)", inputMode: "numeric" },
    { name: "getQuantity", label: "Get (Y)", inputMode: "numeric", hint: "The cheapest Y of every X + Y" },
    { name: "tiers", label: `Tiers (${currency})`, hint: "spend: save, e.g. 100: 10, 200: 25", wide: true },
    { name: "minSubtotal", label: `Free shipping from (${currency})`, inputMode: "decimal", hint: "Empty: any amount" },
    {
      name: "shippingZone",
      label: "Free shipping zone",
      type: "select",
      options: [{ value: "", label: "Every zone" }, ...zones.map((zone) => ({ value: zone, label: zone }))],
    },
    { name: "priority", label: "Priority", inputMode: "numeric", hint: "Higher applies first (0–1000)" },
    { name: "usageLimit", label: "Usage limit", inputMode: "numeric", hint: "Paid orders; empty: no limit" },
    { name: "startsAt", label: "Starts (UTC)", hint: "2026-12-24T00:00; empty: now" },
    { name: "endsAt", label: "Ends (UTC)", hint: "Empty: no end" },
    { name: "combinesWithPromotions", label: "Combines with other promotions", type: "checkbox" },
    { name: "combinesWithCoupons", label: "Combines with coupon codes", type: "checkbox" },
    { name: "active", label: "Active", type: "checkbox" },
  ];
}

function formValues(promotion: AdminPromotion): Record<string, string> {
  const money = (cents: number | null) => (cents === null ? "" : toDecimalString(cents, promotion.currency));
  return {
    id: promotion.id,
    name: promotion.name,
    kind: promotion.kind,
    scope: promotion.scope,
    targets: promotion.targetSlugs.join(", "),
    percent: promotion.valueBps === null ? "" : formatPercent(promotion.valueBps),
    amount: money(promotion.amountCents),
    buyQuantity: promotion.buyQuantity === null ? "" : String(promotion.buyQuantity),
    getQuantity: promotion.getQuantity === null ? "" : String(promotion.getQuantity),
    tiers: parseTiers(promotion.tiers)
      .map((tier) => `${money(tier.minCents)}: ${money(tier.offCents)}`)
      .join(", "),
    minSubtotal: money(promotion.minSubtotalCents),
    shippingZone: promotion.shippingZone ?? "",
    priority: String(promotion.priority),
    usageLimit: promotion.usageLimit === null ? "" : String(promotion.usageLimit),
    startsAt: toDateTimeLocal(promotion.startsAt),
    endsAt: toDateTimeLocal(promotion.endsAt),
    combinesWithPromotions: promotion.combinesWithPromotions ? "on" : "",
    combinesWithCoupons: promotion.combinesWithCoupons ? "on" : "",
    active: promotion.active ? "on" : "",
  };
}

/** What it does, in a few words ("20 % off", "Buy 2 get 1 free"). */
function summary(promotion: AdminPromotion, formatMoney: FormatMoney): string {
  const money = (cents: number | null) => formatMoney(cents ?? 0, promotion.currency);
  const percent = `${formatPercent(promotion.valueBps ?? 0)} %`;
  switch (promotion.kind) {
    case "PERCENT_OFF":
      return `${percent} off`;
    case "AMOUNT_OFF":
      return `${money(promotion.amountCents)} off`;
    case "BUY_X_GET_Y":
      return `Buy ${promotion.buyQuantity} get ${promotion.getQuantity} ${promotion.valueBps === 10_000 ? "free" : `${percent} off`}`;
    case "TIERED_SPEND":
      return parseTiers(promotion.tiers)
        .map((tier) => `spend ${money(tier.minCents)} save ${money(tier.offCents)}`)
        .join(", ");
    case "FREE_SHIPPING":
      return `Free shipping${promotion.minSubtotalCents ? ` from ${money(promotion.minSubtotalCents)}` : ""}${promotion.shippingZone ? ` (${promotion.shippingZone})` : ""}`;
  }
}

function windowText(promotion: AdminPromotion): string {
  const date = (value: Date) => value.toISOString().slice(0, 16).replace("T", " ");
  if (!promotion.startsAt && !promotion.endsAt) return "Always";
  return `${promotion.startsAt ? date(promotion.startsAt) : "now"} → ${promotion.endsAt ? date(promotion.endsAt) : "no end"}`;
}

export default async function PromotionsPage() {
  const { canEdit } = await requireAdminSettingsPage("/admin/promotions");
  const formatMoney = await getStoreMoneyFormatter();
  const currency = storeCurrency();
  const [promotions, zones] = await Promise.all([listPromotionsForAdmin(prisma), shippingZones(prisma)]);
  const fields = promotionFields(currency, zones);
  return (
    <div className="flex flex-col gap-6">
      <AdminPageHeader
        title="Promotions"
        description="Discounts that apply without a code, from the next cart view or checkout on. Promotions are tried by priority; each line below says what it combines with."
      />
      {canEdit ? null : (
        <p role="note" className="rounded-md border border-zinc-200 bg-white p-3 text-sm text-zinc-700">
          You can read the promotions; only administrators can change them.
        </p>
      )}
      {canEdit ? (
        <Card title="New promotion">
          <StackingPreview combinesWithCoupons={false} combinesWithPromotions={false}>
            <SettingsForm
              label="New promotion"
              action={savePromotionAction}
              submitLabel="Create promotion"
              successMessage="Promotion created."
              values={{ kind: "PERCENT_OFF", scope: "ALL", priority: "0", active: "on" }}
              fields={fields}
            />
          </StackingPreview>
        </Card>
      ) : null}
      {promotions.length === 0 ? (
        <EmptyState title="No promotions yet">Create one above: it applies to carts without a code.</EmptyState>
      ) : (
        <DataTable caption="Promotions">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">What</th>
              <th scope="col">When</th>
              <th scope="col">Priority</th>
              <th scope="col">Used</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {promotions.map((promotion) => (
              <tr key={promotion.id} data-promotion={promotion.name}>
                <td className="font-medium">
                  {promotion.name} {promotion.active ? null : <Badge>off</Badge>}
                  <span className="block text-xs font-normal text-zinc-600" data-testid="promotion-stacking">
                    {stackingLine(promotion)}
                  </span>
                </td>
                <td className="text-sm">
                  {summary(promotion, formatMoney)}
                  {promotion.scope === "ALL" ? null : (
                    <span className="block text-xs text-zinc-600">
                      {PROMOTION_SCOPES[promotion.scope]}: {promotion.targetSlugs.join(", ")}
                    </span>
                  )}
                </td>
                <td className="text-xs">{windowText(promotion)}</td>
                <td className="tabular-nums">{promotion.priority}</td>
                <td className="tabular-nums">
                  {promotion.usageLimit === null
                    ? promotion.paidOrders
                    : `${promotion.timesUsed} of ${promotion.usageLimit}`}
                </td>
                <td>
                  <details>
                    <summary className="cursor-pointer text-sm underline">{canEdit ? "Edit" : "Details"}</summary>
                    <div className="mt-3 flex flex-col gap-4">
                      <StackingPreview
                        combinesWithCoupons={promotion.combinesWithCoupons}
                        combinesWithPromotions={promotion.combinesWithPromotions}
                      >
                        <SettingsForm
                          label={`Edit ${promotion.name}`}
                          action={savePromotionAction}
                          readOnly={!canEdit}
                          submitLabel="Save promotion"
                          successMessage="Saved. Applies from the next checkout."
                          values={formValues(promotion)}
                          fields={[{ name: "id", label: "", type: "hidden" }, ...fields]}
                        />
                      </StackingPreview>
                      {canEdit ? (
                        <SettingsForm
                          inline
                          label={`${promotion.active ? "Deactivate" : "Activate"} ${promotion.name}`}
                          action={setPromotionActiveAction}
                          submitLabel={promotion.active ? "Deactivate" : "Activate"}
                          tone={promotion.active ? "danger" : "primary"}
                          values={{ id: promotion.id, active: promotion.active ? "false" : "true" }}
                          fields={[
                            { name: "id", label: "", type: "hidden" },
                            { name: "active", label: "", type: "hidden" },
                          ]}
                        />
                      ) : null}
                    </div>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
    </div>
  );
}
