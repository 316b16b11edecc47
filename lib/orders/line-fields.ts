// The per-line fields of the forms that move units of an order's lines (the seller's shipment, the
// shopper's return): each line has a checkbox valued with its id and a `qty:<orderLineId>` quantity input.

export function quantityField(orderLineId: string): string {
  return `qty:${orderLineId}`;
}

/** The units typed for one line: a whole number, at least one; otherwise null and a field error. */
export function parseLineQuantity(
  values: Readonly<Record<string, string>>,
  orderLineId: string,
  fieldErrors: Record<string, string>,
): number | null {
  const raw = (values[quantityField(orderLineId)] ?? "").trim();
  if (/^\d{1,6}$/.test(raw) && Number(raw) >= 1) return Number(raw);
  fieldErrors[quantityField(orderLineId)] = "Enter a whole number of units, at least 1.";
  return null;
}
