// The lines between an order's items and its total, as the order page, the admin's order page and the
// confirmation email list them: the subtotal, each discount by name (the promotions and the coupon, as
// kept on the order: OrderDiscount), shipping (with the promotion that waived it) and tax.

export interface OrderDiscountLine {
  source: "PROMOTION" | "COUPON";
  target: "ITEMS" | "SHIPPING";
  name: string;
  amountCents: number;
}

export interface OrderAmounts {
  subtotalCents: number;
  discountCents: number;
  couponCode: string | null;
  shippingMethodName: string;
  shippingCents: number;
  taxCents: number;
  /** In the order they applied; orders placed before discounts were kept by name have none. */
  discounts?: readonly OrderDiscountLine[];
}

/** Each discount on the goods, by name, with its negative amount. */
export function discountLines(order: OrderAmounts): [string, number][] {
  const kept = (order.discounts ?? []).filter((discount) => discount.target === "ITEMS");
  if (kept.length === 0) {
    return order.discountCents > 0
      ? [[`Discount${order.couponCode ? ` (${order.couponCode})` : ""}`, -order.discountCents]]
      : [];
  }
  return kept.map((discount) => [
    discount.source === "COUPON" && order.couponCode ? `Discount (${order.couponCode})` : discount.name,
    -discount.amountCents,
  ]);
}

/** "Shipping (Standard)", or "Shipping (Standard, Free shipping weekend)" when a promotion waived it. */
export function shippingLabel(order: OrderAmounts): string {
  const waiver = order.discounts?.find((discount) => discount.target === "SHIPPING");
  return `Shipping (${order.shippingMethodName}${waiver ? `, ${waiver.name}` : ""})`;
}

/** Each line's label and signed amount in minor units (discounts are negative). */
export function orderTotalLines(order: OrderAmounts): [string, number][] {
  return [
    ["Subtotal", order.subtotalCents],
    ...discountLines(order),
    [shippingLabel(order), order.shippingCents],
    ["Tax", order.taxCents],
  ];
}
