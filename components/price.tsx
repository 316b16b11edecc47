import { formatMoney } from "@/lib/money";

/** A card's price: "From $X" when variants differ, the sale's compare-at struck through. */
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
  const from = maxCents > minCents;
  return (
    <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
      <span className={compareAtCents ? "font-semibold text-red-700" : "font-semibold text-zinc-900"}>
        {from ? "From " : ""}
        {formatMoney(minCents, currency)}
      </span>
      {compareAtCents ? <CompareAt cents={compareAtCents} currency={currency} /> : null}
    </p>
  );
}

/** A struck-through former price; the visually hidden prefix tells screen readers what it is. */
export function CompareAt({ cents, currency }: { cents: number; currency: string }) {
  return (
    <s className="text-zinc-500">
      <span className="sr-only">Was </span>
      {formatMoney(cents, currency)}
    </s>
  );
}
