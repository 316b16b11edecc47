"use client";

import type { CartLineView } from "@/lib/cart/cart";
import { formatMoney } from "@/lib/money";
import { LineError, LineProblemNote, LineQuantitySelect, LineSummary, LineThumbnail } from "./line-parts";

/** One line of the cart drawer. The drawer owns the optimistic state; this only reports the shopper's choice. */
export function CartDrawerLine({
  line,
  currency,
  error,
  onQuantityChange,
  onNavigate,
}: {
  line: CartLineView;
  currency: string;
  error: string | null;
  /** 0 removes the line. */
  onQuantityChange: (quantity: number) => void;
  onNavigate: () => void;
}) {
  return (
    <li className="flex gap-3 py-4" data-testid="cart-drawer-line">
      <LineThumbnail url={line.imageUrl} className="h-20 w-20 shrink-0" />
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <div className="flex justify-between gap-2">
          <LineSummary line={line} currency={currency} onNavigate={onNavigate} />
          <p className="shrink-0 font-semibold" data-testid="cart-drawer-line-total">
            {formatMoney(line.lineTotalCents, currency)}
          </p>
        </div>
        <div className="mt-1 flex flex-wrap items-center gap-4">
          <LineQuantitySelect
            line={line}
            value={line.quantity}
            onChange={onQuantityChange}
            testId="cart-drawer-line-quantity"
          />
          <button
            type="button"
            onClick={() => onQuantityChange(0)}
            className="text-sm font-medium text-zinc-700 underline hover:text-zinc-950 focus-visible:outline-2"
          >
            Remove<span className="sr-only"> {line.title}</span>
          </button>
        </div>
        <LineProblemNote line={line} />
        <LineError error={error} />
      </div>
    </li>
  );
}
