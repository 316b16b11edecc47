// The lines between an order's items and its total, as the admin's order page and the confirmation email
// list them: the subtotal, the discount (when there is one, with its code), shipping and tax.

export interface OrderAmounts {
  subtotalCents: number;
  discountCents: number;
  couponCode: string | null;
  shippingMethodName: string;
  shippingCents: number;
  taxCents: number;
}

/** Each line's label and signed amount in minor units (the discount is negative). */
export function orderTotalLines(order: OrderAmounts): [string, number][] {
  return [
    ["Subtotal", order.subtotalCents],
    ...(order.discountCents > 0
      ? ([[`Discount${order.couponCode ? ` (${order.couponCode})` : ""}`, -order.discountCents]] as [string, number][])
      : []),
    [`Shipping (${order.shippingMethodName})`, order.shippingCents],
    ["Tax", order.taxCents],
  ];
}
