// How an available quantity is presented. Pure and client-safe: the variant picker recomputes it when the
// shopper switches variants without another server round trip.

export type StockState = "in-stock" | "low-stock" | "out-of-stock";

export interface StockStatus {
  state: StockState;
  label: string;
  available: number;
}

/**
 * "In stock" above the variant's low-stock threshold, "Only N left" from 1 up to the threshold,
 * "Out of stock" at 0 (negative input is treated as 0: availability is clamped, never shown negative).
 */
export function stockStatus(available: number, lowStockThreshold: number): StockStatus {
  const qty = Math.max(0, Math.floor(available));
  if (qty === 0) return { state: "out-of-stock", label: "Out of stock", available: 0 };
  if (qty <= lowStockThreshold) return { state: "low-stock", label: `Only ${qty} left`, available: qty };
  return { state: "in-stock", label: "In stock", available: qty };
}
