"use client";

import { useActionState, useOptimistic, useTransition } from "react";
import type { CartLineView } from "@/lib/cart/cart";
import { formatMoney } from "@/lib/money";
import { removeCartLineAction, updateCartLineAction } from "@/app/(store)/cart/actions";
import type { ActionResult } from "@/lib/actions/result";
import { LineError, LineProblemNote, LineQuantitySelect, LineSummary, LineThumbnail } from "./line-parts";

/**
 * One cart line. Quantity changes show at once (useOptimistic) and reconcile with the server's answer:
 * when the server refuses (stock ran out), the optimistic value is dropped and its message shown.
 */
export function CartLineItem({ line, currency }: { line: CartLineView; currency: string }) {
  const [optimisticQuantity, setOptimisticQuantity] = useOptimistic(line.quantity);
  const [, startTransition] = useTransition();
  const [result, update] = useActionState<ActionResult | null, FormData>(updateCartLineAction, null);
  const [removeResult, remove, removing] = useActionState<ActionResult | null, FormData>(removeCartLineAction, null);
  const error =
    (result && !result.ok ? result.error : null) ?? (removeResult && !removeResult.ok ? removeResult.error : null);

  function changeQuantity(quantity: number) {
    const form = new FormData();
    form.set("lineId", line.id);
    form.set("quantity", String(quantity));
    startTransition(() => {
      setOptimisticQuantity(quantity);
      update(form);
    });
  }

  return (
    <li className={`flex gap-4 py-5 ${removing ? "opacity-50" : ""}`} data-testid="cart-line">
      <LineThumbnail url={line.imageUrl} className="h-24 w-24" />
      <div className="flex flex-1 flex-col gap-1">
        <div className="flex flex-wrap justify-between gap-2">
          <LineSummary line={line} currency={currency} />
          <p className="font-semibold" data-testid="cart-line-total">
            {formatMoney(line.unitPriceCents * optimisticQuantity, currency)}
          </p>
        </div>
        <div className="mt-2 flex flex-wrap items-center gap-4">
          <LineQuantitySelect
            line={line}
            value={optimisticQuantity}
            onChange={changeQuantity}
            testId="cart-line-quantity"
          />
          <form action={remove}>
            <input type="hidden" name="lineId" value={line.id} />
            <button
              type="submit"
              className="text-sm font-medium text-zinc-700 underline hover:text-zinc-950 focus-visible:outline-2"
            >
              Remove<span className="sr-only"> {line.title}</span>
            </button>
          </form>
        </div>
        <LineProblemNote line={line} />
        <LineError error={error} />
      </div>
    </li>
  );
}
