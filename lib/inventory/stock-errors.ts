// The two ways a stock change can be refused: a shopper asked for more than is available (a UserError,
// shown to them), or the counters disagree with the reservations (a bug or a manual edit, never the
// shopper's problem). Thrown inside the caller's transaction, so nothing of the change is written.
import { UserError } from "@/lib/errors";

export interface ShortLine {
  variantId: string;
  orderLineId?: string;
  requested: number;
  /** Units that could have been had right now (0 = sold out). */
  available: number;
  /** Filled in by checkout, which knows the product names. */
  title?: string;
}

function shortLineMessage(line: ShortLine): string {
  const name = line.title ? `“${line.title}”` : "An item in your cart";
  if (line.available <= 0) return `${name} is sold out.`;
  return `Only ${line.available} of ${name} ${line.available === 1 ? "is" : "are"} available (you asked for ${line.requested}).`;
}

/** Some lines cannot be fully reserved. Thrown inside the transaction so nothing is written. */
export class OutOfStockError extends UserError {
  readonly lines: readonly ShortLine[];

  constructor(lines: readonly ShortLine[]) {
    super("out_of_stock", lines.map(shortLineMessage).join(" "), { lines });
    this.name = "OutOfStockError";
    this.lines = lines;
  }
}

/** The stock counters disagree with the reservations: a bug or a manual edit, never a shopper's problem. */
export class InventoryInvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InventoryInvariantError";
  }
}

/**
 * A count could not be set because the stock changed after it was checked (./stock-changes.ts
 * setStockLevels): unpaid orders now hold more units than the new count, or a level to create appeared.
 * `index` is the position of the refused count in the caller's list, when one is known.
 */
export class StockConflictError extends Error {
  constructor(
    readonly reason: "reserved_above_count" | "level_exists",
    readonly index: number | null,
  ) {
    super(`stock changed while setting counts: ${reason}`);
    this.name = "StockConflictError";
  }
}
