"use client";

import { useState } from "react";
import type { CartLineView } from "@/lib/cart/cart";
import { formatMoney } from "@/lib/money";
import { useCart } from "./cart-context";
import { LineError, LineProblemNote, LineQuantitySelect, LineSummary, LineThumbnail } from "./line-parts";

/**
 * One line of the cart page. Changes go through the cart context, which shows them at once and then as
 * the server answered: when the server refuses (stock ran out), the line goes back and the message shows.
 */
export function CartLineItem({ line, currency }: { line: CartLineView; currency: string }) {
  const { changeLine } = useCart();
  const [error, setError] = useState<string | null>(null);

  async function change(quantity: number) {
    setError(null);
    const result = await changeLine(line.id, quantity);
    if (!result.ok) setError(result.error);
  }

  return (
    <li className="flex gap-4 py-5" data-testid="cart-line">
      <LineThumbnail url={line.imageUrl} className="h-24 w-24" />
      <div className="flex flex-1 flex-col gap-1">
        <div className="flex flex-wrap justify-between gap-2">
          <LineSummary line={line} currency={currency} />
          <p className="font-semibold" data-testid="cart-line-total">
            {formatMoney(line.lineTotalCents, currency)}
          </p>
        </div>
        <div className="mt-2 flex flex-wrap items-center gap-4">
          <LineQuantitySelect
            line={line}
            value={line.quantity}
            onChange={(quantity) => void change(quantity)}
            testId="cart-line-quantity"
          />
          <button
            type="button"
            onClick={() => void change(0)}
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
