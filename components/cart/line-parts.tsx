// Pieces of a cart line shared by the cart page and the cart drawer.
import Link from "next/link";
import type { CartLineView } from "@/lib/cart/cart";
import { MAX_LINE_QUANTITY } from "@/lib/cart/limits";
import { useFormatMoney } from "@/components/money-display";

const PROBLEM_TEXT = {
  unavailable: "No longer available. Remove it to continue.",
  out_of_stock: "Out of stock. Remove it to continue.",
  insufficient_stock: "Not enough stock for this quantity.",
} as const;

/**
 * The quantities a line's select offers: 1 up to what is available (at most 99), and never fewer than the
 * line holds now, so a line over the stock still shows its quantity and can be lowered.
 */
export function quantityChoices(line: Pick<CartLineView, "quantity" | "available">): number[] {
  const max = Math.max(line.quantity, Math.min(MAX_LINE_QUANTITY, Math.max(line.available, 1)));
  return Array.from({ length: max }, (_, index) => index + 1);
}

export function LineThumbnail({ url, className }: { url: string | null; className: string }) {
  return url ? (
    // eslint-disable-next-line @next/next/no-img-element -- generated SVGs need no optimisation
    <img src={url} alt="" width={96} height={96} className={`${className} rounded-md bg-zinc-100 object-cover`} />
  ) : (
    <div className={`${className} rounded-md bg-zinc-100`} aria-hidden="true" />
  );
}

/** Unit price, with the price the shopper first saw when it changed since. */
export function LineUnitPrice({ line, currency }: { line: CartLineView; currency: string }) {
  const formatMoney = useFormatMoney();
  return (
    <p className="text-sm text-zinc-600">
      {formatMoney(line.unitPriceCents, currency)} each
      {line.previousUnitPriceCents !== null ? (
        <span className="ml-2 text-amber-800">(was {formatMoney(line.previousUnitPriceCents, currency)})</span>
      ) : null}
    </p>
  );
}

export function LineProblemNote({ line }: { line: CartLineView }) {
  if (!line.problem) return null;
  return (
    <p role="alert" className="text-sm font-medium text-red-700">
      {PROBLEM_TEXT[line.problem]}
      {line.problem === "insufficient_stock" ? ` Only ${line.available} available.` : ""}
    </p>
  );
}

/** The line's product link, variant and unit price. */
export function LineSummary({
  line,
  currency,
  onNavigate,
}: {
  line: CartLineView;
  currency: string;
  onNavigate?: () => void;
}) {
  return (
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
  );
}

/** The quantity select (removing has its own button, so 0 is not offered). */
export function LineQuantitySelect({
  line,
  value,
  onChange,
  testId,
}: {
  line: CartLineView;
  value: number;
  onChange: (quantity: number) => void;
  testId: string;
}) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <span>Quantity</span>
      <select
        value={value}
        onChange={(event) => onChange(Number(event.target.value))}
        className="rounded-md border border-zinc-300 px-2 py-1 focus-visible:outline-2"
        data-testid={testId}
      >
        {quantityChoices(line).map((quantity) => (
          <option key={quantity} value={quantity}>
            {quantity}
          </option>
        ))}
      </select>
    </label>
  );
}

/** What the server said when it refused the shopper's change. */
export function LineError({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="text-sm font-medium text-red-700">
      {error}
    </p>
  ) : null;
}
