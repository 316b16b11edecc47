// Adjustment reasons as people see them. No imports: client components use it too.

/** Reasons a person may choose. INITIAL (seed), SALE (checkout), RETURN and TRANSFER_* are written by code. */
export const MANUAL_REASONS = ["RECEIVED", "DAMAGED", "CORRECTION"] as const;
export type ManualReason = (typeof MANUAL_REASONS)[number];

export const REASON_LABELS: Record<string, string> = {
  INITIAL: "Opening stock",
  RECEIVED: "Received",
  DAMAGED: "Damaged",
  CORRECTION: "Correction",
  TRANSFER_IN: "Transfer in",
  TRANSFER_OUT: "Transfer out",
  SALE: "Sale",
  RETURN: "Return",
};
