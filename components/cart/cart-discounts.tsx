// The automatic promotions the cart gets, each by name, and what the items come to after them; shown by
// the cart page and the drawer. Shipping, tax (and a coupon) are still priced at checkout.
import type { ShopperCart } from "@/lib/cart/cart";
import { useFormatMoney } from "@/components/money-display";

export function CartDiscounts({ cart }: { cart: Pick<ShopperCart, "discounts" | "subtotalCents" | "currency"> }) {
  const formatMoney = useFormatMoney();
  if (cart.discounts.length === 0) return null;
  const off = cart.discounts.reduce((sum, discount) => sum + discount.amountCents, 0);
  return (
    <dl className="mt-2 flex flex-col gap-1 text-sm" data-testid="cart-discounts">
      {cart.discounts.map((discount) => (
        <div key={discount.name} className="flex justify-between gap-3 text-green-700" data-testid="cart-discount">
          <dt>{discount.name}</dt>
          <dd className="tabular-nums">−{formatMoney(discount.amountCents, cart.currency)}</dd>
        </div>
      ))}
      <div className="flex justify-between gap-3 font-semibold">
        <dt>After promotions</dt>
        <dd className="tabular-nums" data-testid="cart-discounted-subtotal">
          {formatMoney(cart.subtotalCents - off, cart.currency)}
        </dd>
      </div>
    </dl>
  );
}
