"use client";

import { usePathname, useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { stockStatus } from "@/lib/catalog/stock";
import type { ProductOptionData, VariantData } from "@/lib/catalog/types";
import { availableQuantity, buildOptionViews, type AvailabilityMap } from "@/lib/catalog/variants";
import type { FormAction } from "@/lib/actions/form-action";
import { formatMoney } from "@/lib/money";
import { CompareAt } from "../price";
import { VariantPicker } from "./variant-picker";
import { AddToCartForm } from "./add-to-cart-form";
import { MAX_LINE_QUANTITY } from "@/lib/cart/schemas";

const STOCK_STYLE = {
  "in-stock": "text-green-700",
  "low-stock": "text-amber-700",
  "out-of-stock": "text-red-700",
} as const;

/**
 * Variant picker, price, live availability and the add-to-cart button of a product page. The server sends
 * the availability of every variant read at request time, so switching variants answers instantly; the
 * URL follows the choice (?variant=) and that navigation re-reads availability from the server.
 */
export function PurchasePanel({
  options,
  variants,
  availability,
  initialVariantId,
  addToCart,
}: {
  options: ProductOptionData[];
  variants: VariantData[];
  availability: AvailabilityMap;
  initialVariantId: string | null;
  /** The cart's server action, handed down by the page to the add-to-cart form. */
  addToCart: FormAction<{ cartId: string }>;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const [, startTransition] = useTransition();
  const [selectedId, setSelectedId] = useState(initialVariantId);
  // The server's choice changes when the URL does from outside this panel (back/forward, a shared link):
  // adopt it during render (React's "adjust state on prop change" pattern), keeping focus where it is.
  const [serverChoice, setServerChoice] = useState(initialVariantId);
  if (initialVariantId !== serverChoice) {
    setServerChoice(initialVariantId);
    setSelectedId(initialVariantId);
  }
  const selected = variants.find((variant) => variant.id === selectedId) ?? variants[0];

  function pick(variantId: string) {
    if (variantId === selected?.id) return;
    setSelectedId(variantId);
    startTransition(() => {
      router.replace(`${pathname}?variant=${encodeURIComponent(variantId)}`, { scroll: false });
    });
  }

  if (!selected) {
    return (
      <p data-testid="availability" className="text-sm font-medium text-red-700">
        Currently unavailable
      </p>
    );
  }

  const views = buildOptionViews(options, variants, availability, selected);
  const stock = stockStatus(availableQuantity(availability, selected.id), selected.lowStockThreshold);
  const onSale = selected.compareAtPriceCents !== null && selected.compareAtPriceCents > selected.priceCents;
  const soldOut = stock.state === "out-of-stock";

  return (
    <div className="flex flex-col gap-6">
      <p data-testid="product-price" className="flex items-baseline gap-3">
        <span className={`text-2xl font-semibold ${onSale ? "text-red-700" : "text-zinc-900"}`}>
          {formatMoney(selected.priceCents, selected.currency)}
        </span>
        {onSale && selected.compareAtPriceCents !== null ? (
          <CompareAt cents={selected.compareAtPriceCents} currency={selected.currency} />
        ) : null}
      </p>

      {views.length > 0 ? <VariantPicker options={views} onPick={pick} /> : null}

      <p className="flex flex-col gap-1 text-sm">
        <span data-testid="availability" role="status" className={`font-medium ${STOCK_STYLE[stock.state]}`}>
          {stock.label}
        </span>
        <span className="text-zinc-500">SKU {selected.sku}</span>
      </p>

      {/* Out of stock: disabled, and the availability line above says why. */}
      <AddToCartForm
        key={selected.id}
        variantId={selected.id}
        maxQuantity={Math.min(MAX_LINE_QUANTITY, stock.available)}
        soldOut={soldOut}
        addToCart={addToCart}
      />
    </div>
  );
}
