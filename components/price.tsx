"use client";
import { useFormatMoney } from "@/components/money-display";

/** A card's price: "From $X" when variants differ, the sale's compare-at struck through (.price in globals.css). */
export function PriceRange({
  minCents,
  maxCents,
  compareAtCents,
  currency,
}: {
  minCents: number;
  maxCents: number;
  compareAtCents: number | null;
  currency: string;
}) {
  const formatMoney = useFormatMoney();
  const from = maxCents > minCents ? "From " : "";
  return (
    <p className="price">
      <b className={compareAtCents ? "sale" : undefined}>{from + formatMoney(minCents, currency)}</b>
      {compareAtCents ? <CompareAt cents={compareAtCents} currency={currency} /> : null}
    </p>
  );
}

/** A struck-through former price; the visually hidden prefix tells screen readers what it is. */
export function CompareAt({ cents, currency }: { cents: number; currency: string }) {
  const formatMoney = useFormatMoney();
  return (
    <s className="text-zinc-500">
      <span className="sr-only">Was </span>
      {formatMoney(cents, currency)}
    </s>
  );
}
