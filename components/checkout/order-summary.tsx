import { Fragment } from "react";
import type { CartView } from "@/lib/cart/cart";
import type { OrderTotals } from "@/lib/pricing/totals";
import { getStoreMoneyFormatter } from "@/lib/settings/money-format";

/** Lines and totals of a cart about to be paid, priced by the server. */
export async function OrderSummary({
  cart,
  totals,
  shippingMethodName,
  couponCode,
  taxNote = null,
}: {
  cart: CartView;
  totals: OrderTotals;
  shippingMethodName: string;
  couponCode: string | null;
  /** Why no tax is charged, when none is ("No sales tax for Oregon."). */
  taxNote?: string | null;
}) {
  const formatMoney = await getStoreMoneyFormatter();
  const money = (cents: number) => formatMoney(cents, totals.currency);
  const shippingWaiver = totals.discounts.find((discount) => discount.target === "SHIPPING");
  return (
    <section aria-label="Order summary" className="rounded-lg bg-zinc-50 p-6">
      <ul className="divide-y divide-zinc-200">
        {cart.lines.map((line) => (
          <li key={line.id} className="flex justify-between gap-4 py-3 text-sm">
            <span>
              {line.title}
              {line.variantTitle ? <span className="text-zinc-600"> · {line.variantTitle}</span> : null}
              <span className="text-zinc-600"> × {line.quantity}</span>
            </span>
            <span>{money(line.lineTotalCents)}</span>
          </li>
        ))}
      </ul>
      <dl
        className="mt-4 grid grid-cols-[1fr_auto] gap-y-2 border-t border-zinc-200 pt-4 text-sm"
        data-testid="order-totals"
      >
        <dt>Subtotal</dt>
        <dd className="text-right">{money(totals.subtotalCents)}</dd>
        {totals.discounts
          .filter((discount) => discount.target === "ITEMS")
          .map((discount) => (
            <Fragment key={`${discount.source}:${discount.promotionId ?? ""}`}>
              <dt>{discount.source === "COUPON" && couponCode ? `Discount (${couponCode})` : discount.name}</dt>
              <dd
                className="text-right text-green-700"
                data-testid={discount.source === "COUPON" ? "discount" : "promotion-discount"}
              >
                −{money(discount.amountCents)}
              </dd>
            </Fragment>
          ))}
        <dt>
          Shipping ({shippingMethodName})
          {shippingWaiver ? <span className="text-green-700"> · {shippingWaiver.name}</span> : null}
        </dt>
        <dd className="text-right">{totals.shippingCents === 0 ? "Free" : money(totals.shippingCents)}</dd>
        <dt>Tax</dt>
        <dd className="text-right">{money(totals.taxCents)}</dd>
        {taxNote ? (
          <dd className="col-span-2 -mt-1 text-xs text-zinc-600" data-testid="tax-note">
            {taxNote}
          </dd>
        ) : null}
        <dt className="text-base font-semibold">Total</dt>
        <dd className="text-right text-base font-semibold" data-testid="order-total">
          {money(totals.totalCents)}
        </dd>
      </dl>
    </section>
  );
}
