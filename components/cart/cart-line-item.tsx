"use client";

import Link from "next/link";
import { useActionState, useOptimistic, useTransition } from "react";
import type { CartLineView } from "@/lib/cart/cart";
import { formatMoney } from "@/lib/money";
import { removeCartLineAction, updateCartLineAction } from "@/app/(store)/cart/actions";
import type { ActionResult } from "@/lib/actions/result";
import { LineProblemNote, LineThumbnail, LineUnitPrice, quantityChoices } from "./line-parts";

/**
 * One cart line. Quantity changes show at once (useOptimistic) and reconcile with the server's answer:
 * when the server refuses (stock ran out), the optimistic value is dropped and its message shown.
 */
export function CartLineItem({ line, currency }: { line: CartLineView; currency: string }) {
  const [optimisticQuantity, setOptimisticQuantity] = useOptimistic(line.quantity);
  const [, startTransition] = useTransition();
  const [result, update] = useActionState<ActionResult | null, FormData>(updateCartLineAction, null);
  const [removeResult, remove, removing] = useActionState<ActionResult | null, FormData>(removeCartLineAction, null);
  const error = (result && !result.ok ? result.error : null) ?? (removeResult && !removeResult.ok ? removeResult.error : null);

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
          <div>
            <Link href={`/products/${line.productSlug}?variant=${line.variantId}`} className="font-semibold hover:underline focus-visible:outline-2">
              {line.title}
            </Link>
            {line.variantTitle ? <p className="text-sm text-zinc-600">{line.variantTitle}</p> : null}
            <LineUnitPrice line={line} currency={currency} />
          </div>
          <p className="font-semibold" data-testid="cart-line-total">
            {formatMoney(line.unitPriceCents * optimisticQuantity, currency)}
          </p>
        </div>
        <div className="mt-2 flex flex-wrap items-center gap-4">
          <label className="flex items-center gap-2 text-sm">
            <span>Quantity</span>
            <select
              value={optimisticQuantity}
              onChange={(event) => changeQuantity(Number(event.target.value))}
              className="rounded-md border border-zinc-300 px-2 py-1 focus-visible:outline-2"
              data-testid="cart-line-quantity"
            >
              {quantityChoices(line).map((quantity) => (
                <option key={quantity} value={quantity}>
                  {quantity}
                </option>
              ))}
            </select>
          </label>
          <form action={remove}>
            <input type="hidden" name="lineId" value={line.id} />
            <button type="submit" className="text-sm font-medium text-zinc-700 underline hover:text-zinc-950 focus-visible:outline-2">
              Remove<span className="sr-only"> {line.title}</span>
            </button>
          </form>
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
