"use client";

import type { CartLineView } from "@/lib/cart/cart";
import { useFormatMoney } from "@/components/money-display";
import { LineError, LineProblemNote, LineQuantitySelect, LineSummary, LineThumbnail } from "./line-parts";

// The page has room for a larger picture; the drawer is narrow, so its text truncates instead of wrapping
// under the total. The test ids keep the two apart in the browser tests.
const LAYOUT = {
  page: {
    item: "flex gap-4 py-5",
    thumbnail: "h-24 w-24",
    body: "flex flex-1 flex-col gap-1",
    heading: "flex flex-wrap justify-between gap-2",
    total: "font-semibold",
    controls: "mt-2 flex flex-wrap items-center gap-4",
    testId: "cart-line",
  },
  drawer: {
    item: "flex gap-3 py-4",
    thumbnail: "h-20 w-20 shrink-0",
    body: "flex min-w-0 flex-1 flex-col gap-1",
    heading: "flex justify-between gap-2",
    total: "shrink-0 font-semibold",
    controls: "mt-1 flex flex-wrap items-center gap-4",
    testId: "cart-drawer-line",
  },
} as const;

/**
 * One cart line, on the cart page or in the drawer. Whoever shows it owns the cart's state: this only
 * reports the shopper's choice (0 removes the line) and shows the error it is given.
 */
export function CartLine({
  line,
  currency,
  error,
  onQuantityChange,
  onNavigate,
  place,
}: {
  line: CartLineView;
  currency: string;
  error: string | null;
  onQuantityChange: (quantity: number) => void;
  /** Called when the shopper follows the line's link (the drawer closes itself). */
  onNavigate?: () => void;
  place: keyof typeof LAYOUT;
}) {
  const formatMoney = useFormatMoney();
  const layout = LAYOUT[place];
  return (
    <li className={layout.item} data-testid={layout.testId}>
      <LineThumbnail url={line.imageUrl} className={layout.thumbnail} />
      <div className={layout.body}>
        <div className={layout.heading}>
          <LineSummary line={line} currency={currency} onNavigate={onNavigate} />
          <p className={layout.total} data-testid={`${layout.testId}-total`}>
            {formatMoney(line.lineTotalCents, currency)}
          </p>
        </div>
        <div className={layout.controls}>
          <LineQuantitySelect
            line={line}
            value={line.quantity}
            onChange={onQuantityChange}
            testId={`${layout.testId}-quantity`}
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
