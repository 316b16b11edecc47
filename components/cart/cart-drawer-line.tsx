"use client";

import Link from "next/link";
import type { CartLineView } from "@/lib/cart/cart";
import { formatMoney } from "@/lib/money";
import { LineProblemNote, LineThumbnail, LineUnitPrice, quantityChoices } from "./line-parts";

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
          <div className="min-w-0">
            <Link
              href={`/products/${line.productSlug}?variant=${line.variantId}`}
              onClick={onNavigate}
              className="font-semibold hover:underline focus-visible:outline-2"
            >
              {line.title}
            </Link>
            {line.variantTitle ? <p className="text-sm text-zinc-600">{line.variantTitle}</p> : null}
            <LineUnitPrice line={line} currency={currency} />
          </div>
          <p className="shrink-0 font-semibold" data-testid="cart-drawer-line-total">
            {formatMoney(line.lineTotalCents, currency)}
          </p>
        </div>
        <div className="mt-1 flex flex-wrap items-center gap-4">
          <label className="flex items-center gap-2 text-sm">
            <span>Quantity</span>
            <select
              value={line.quantity}
              onChange={(event) => onQuantityChange(Number(event.target.value))}
              className="rounded-md border border-zinc-300 px-2 py-1 focus-visible:outline-2"
              data-testid="cart-drawer-line-quantity"
            >
              {quantityChoices(line).map((quantity) => (
                <option key={quantity} value={quantity}>
                  {quantity}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            onClick={() => onQuantityChange(0)}
            className="text-sm font-medium text-zinc-700 underline hover:text-zinc-950 focus-visible:outline-2"
          >
            Remove<span className="sr-only"> {line.title}</span>
          </button>
        </div>
        <LineProblemNote line={line} />
        {error ? (
          <p role="alert" className="text-sm font-medium text-red-700">
            {error}
          </p>
        ) : null}
      </div>
    </li>
  );
}
