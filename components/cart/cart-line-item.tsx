"use client";

import Link from "next/link";
import { useActionState, useOptimistic, useTransition } from "react";
import type { CartLineView } from "@/lib/cart/cart";
import { MAX_LINE_QUANTITY } from "@/lib/cart/schemas";
import { formatMoney } from "@/lib/money";
import { removeCartLineAction, updateCartLineAction } from "@/app/cart/actions";
import type { ActionResult } from "@/lib/actions/result";

const PROBLEM_TEXT = {
  unavailable: "No longer available. Remove it to continue.",
  out_of_stock: "Out of stock. Remove it to continue.",
  insufficient_stock: "Not enough stock for this quantity.",
} as const;

/**
 * One cart line. Quantity changes show at once (useOptimistic) and reconcile with the server's answer:
 * when the server refuses (stock ran out), the optimistic value is dropped and its message shown.
 */
export function CartLineItem({ line, currency }: { line: CartLineView; currency: string }) {
  const [optimisticQuantity, setOptimisticQuantity] = useOptimistic(line.quantity);
  const [, startTransition] = useTransition();
  const [result, update] = useActionState<ActionResult | null, FormData>(updateCartLineAction, null);
  const [removeResult, remove, removing] = useActionState<ActionResult | null, FormData>(removeCartLineAction, null);
  const maxChoice = Math.max(line.quantity, Math.min(MAX_LINE_QUANTITY, Math.max(line.available, 1)));
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
      {line.imageUrl ? (
        // eslint-disable-next-line @next/next/no-img-element -- generated SVGs need no optimisation
        <img src={line.imageUrl} alt="" width={96} height={96} className="h-24 w-24 rounded-md bg-zinc-100 object-cover" />
      ) : (
        <div className="h-24 w-24 rounded-md bg-zinc-100" aria-hidden="true" />
      )}
      <div className="flex flex-1 flex-col gap-1">
        <div className="flex flex-wrap justify-between gap-2">
          <div>
            <Link href={`/products/${line.productSlug}?variant=${line.variantId}`} className="font-semibold hover:underline focus-visible:outline-2">
              {line.title}
            </Link>
            {line.variantTitle ? <p className="text-sm text-zinc-600">{line.variantTitle}</p> : null}
            <p className="text-sm text-zinc-600">
              {formatMoney(line.unitPriceCents, currency)} each
              {line.previousUnitPriceCents !== null ? (
                <span className="ml-2 text-amber-800">
                  (was {formatMoney(line.previousUnitPriceCents, currency)})
                </span>
              ) : null}
            </p>
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
              {Array.from({ length: maxChoice }, (_, index) => index + 1).map((quantity) => (
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
        {line.problem ? (
          <p role="alert" className="text-sm font-medium text-red-700">
            {PROBLEM_TEXT[line.problem]}
            {line.problem === "insufficient_stock" ? ` Only ${line.available} available.` : ""}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="text-sm font-medium text-red-700">
            {error}
          </p>
        ) : null}
      </div>
    </li>
  );
}
