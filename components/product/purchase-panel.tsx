"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useMemo, useState, useTransition } from "react";
import { decodeProductChoices, type ProductChoices } from "@/lib/catalog/product-choices";
import { stockStatus } from "@/lib/catalog/stock";
import type { AvailabilityResponse } from "@/lib/catalog/types";
import { availableQuantity, buildOptionViews, resolveVariant, type AvailabilityMap } from "@/lib/catalog/variants";
import { MAX_LINE_QUANTITY } from "@/lib/cart/limits";
import { useFormatMoney } from "@/components/money-display";
import { CompareAt } from "../price";
import { AddToCartForm } from "./add-to-cart-form";
import { NotifyMe } from "./notify-me";
import { VariantPicker } from "./variant-picker";
import { useVariantSelection, type UrlVariant } from "./variant-selection";

const STOCK_STYLE = {
  "in-stock": "text-green-700",
  "low-stock": "text-amber-700",
  "out-of-stock": "text-red-700",
} as const;

interface PanelProps {
  slug: string;
  /** The options and variants, as the gallery gets them (the same object: sent once). */
  choices: ProductChoices;
}

function useLiveAvailability(slug: string, urlVariant: UrlVariant) {
  const [availability, setAvailability] = useState<AvailabilityMap | null>(null);
  const [failed, setFailed] = useState(false);
  const requestedId = urlVariant.known ? urlVariant.variantId : undefined;
  useEffect(() => {
    // Until the URL has been read (just after hydration): its variant's stock is read with the rest.
    if (requestedId === undefined) return;
    let current = true;
    (async () => {
      const response = await fetch(`/api/products/${encodeURIComponent(slug)}/availability`, { cache: "no-store" });
      if (!response.ok) throw new Error(`availability answered ${response.status}`);
      return ((await response.json()) as AvailabilityResponse).availability;
    })().then(
      (fresh) => {
        if (!current) return;
        setAvailability(fresh);
        setFailed(false);
      },
      (error: unknown) => {
        if (!current) return;
        console.error("[availability]", error);
        setFailed(true);
      },
    );
    return () => {
      current = false;
    };
    // Read again whenever the URL's variant changes: a picked variant shows its stock as it is now.
  }, [slug, requestedId]);
  return { availability, failed };
}

/**
 * Variant picker, price, live availability and the add-to-cart button of a product page. The page around
 * it is the same for every visitor and served from the cache, so this panel reads what is live itself:
 * the availability of every variant (GET /api/products/<slug>/availability, again whenever the chosen
 * variant changes) and the variant the URL names (?variant=, read once the page has hydrated: see
 * variant-selection.tsx). The cached HTML shows the first variant's price and "Checking stock…" until then. Switching variants answers at once and the URL follows.
 */
export function PurchasePanel({ slug, choices }: PanelProps) {
  const formatMoney = useFormatMoney();
  const { options, variants } = useMemo(() => decodeProductChoices(choices), [choices]);
  const router = useRouter();
  const pathname = usePathname();
  const [, startTransition] = useTransition();
  const { setPick, urlVariant, setChosenId } = useVariantSelection();
  const requestedId = urlVariant.known ? urlVariant.variantId : null;
  const { availability, failed } = useLiveAvailability(slug, urlVariant);
  // The shopper's pick shows at once; the URL follows. When the URL changes from outside this panel
  // (back/forward, a shared link), its variant wins: adopt it during render (React's "adjust state on
  // prop change" pattern), keeping focus where it is.
  const [pickedId, setPickedId] = useState<string | null>(null);
  const [pickedFor, setPickedFor] = useState(requestedId);
  if (pickedFor !== requestedId) {
    setPickedFor(requestedId);
    setPickedId(null);
  }
  // An unknown or foreign ?variant= falls back to the default variant (first in stock, else first).
  const selected =
    variants.find((variant) => variant.id === pickedId) ??
    resolveVariant(variants, availability ?? {}, requestedId ?? undefined);
  // What the heart saves: the variant shown, when the shopper chose it (a pick, or a link naming it), not
  // the default the panel falls back to.
  const chosenId = selected && (selected.id === pickedId || selected.id === requestedId) ? selected.id : null;
  useEffect(() => setChosenId(chosenId), [chosenId, setChosenId]);

  function pick(variantId: string) {
    if (variantId === selected?.id) return;
    setPickedId(variantId);
    setPick({ variantId });
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

  // Until the stock is known every combination is offered as available; the picker then marks the rest.
  const views = buildOptionViews(
    options,
    variants,
    availability ?? Object.fromEntries(variants.map((variant) => [variant.id, 1])),
    selected,
  );
  const stock = availability
    ? stockStatus(availableQuantity(availability, selected.id), selected.lowStockThreshold)
    : null;
  const onSale = selected.compareAtPriceCents !== null && selected.compareAtPriceCents > selected.priceCents;

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
        {stock ? (
          <span data-testid="availability" role="status" className={`font-medium ${STOCK_STYLE[stock.state]}`}>
            {stock.label}
          </span>
        ) : (
          <span className="font-medium text-zinc-600">{failed ? "Stock could not be checked" : "Checking stock…"}</span>
        )}
        <span className="text-zinc-500">SKU {selected.sku}</span>
      </p>

      {/* Out of stock: disabled, and the availability line above says why. While the stock is being read
          the button waits; if it cannot be read, adding is still possible (the server checks the stock). */}
      <AddToCartForm
        key={selected.id}
        variantId={selected.id}
        maxQuantity={stock ? Math.min(MAX_LINE_QUANTITY, stock.available) : MAX_LINE_QUANTITY}
        soldOut={stock ? stock.state === "out-of-stock" : !failed}
      />
      {stock?.state === "out-of-stock" ? <NotifyMe key={selected.id} variantId={selected.id} /> : null}
    </div>
  );
}
