import Link from "next/link";
import { RatingLine } from "@/components/rating-stars";
import { productPath } from "@/lib/catalog/site";
import { formatMoney } from "@/lib/money";
import type { SearchHit } from "@/lib/search/types";
import { Highlighted } from "./highlighted";

function Price({ hit }: { hit: SearchHit }) {
  const from = formatMoney(hit.priceMinCents, hit.currency);
  return (
    <p className="flex items-baseline gap-2 text-sm">
      <span className="font-semibold text-zinc-900">
        {hit.priceMaxCents > hit.priceMinCents ? `From ${from}` : from}
      </span>
      {hit.compareAtCents !== null ? (
        <s className="text-zinc-500">
          <span className="sr-only">Was </span>
          {formatMoney(hit.compareAtCents, hit.currency)}
        </s>
      ) : null}
    </p>
  );
}

export function SearchResultCard({
  hit,
  eager,
  testId = "search-result",
}: {
  hit: SearchHit;
  eager: boolean;
  testId?: string;
}) {
  return (
    <article className="group relative flex flex-col gap-2" data-testid={testId}>
      <div className="aspect-square overflow-hidden rounded-lg bg-zinc-100">
        {hit.image ? (
          // eslint-disable-next-line @next/next/no-img-element -- small SVGs and already-sized uploads: nothing to optimise
          <img
            src={hit.image.url}
            alt={hit.image.alt}
            width={400}
            height={400}
            loading={eager ? "eager" : "lazy"}
            decoding="async"
            className="h-full w-full object-cover transition-transform duration-300 group-hover:scale-105"
          />
        ) : null}
      </div>
      <div className="flex flex-col gap-1">
        {hit.brand ? <p className="text-xs uppercase tracking-wide text-zinc-500">{hit.brand}</p> : null}
        <h3 className="text-sm font-medium text-zinc-900">
          <Link href={productPath(hit.slug)} className="rounded-sm after:absolute after:inset-0 after:content-['']">
            <Highlighted parts={hit.titleHighlighted} />
          </Link>
        </h3>
        <Price hit={hit} />
        <RatingLine average={hit.rating} count={hit.reviewCount} />
        {hit.inStock ? null : <p className="text-xs font-medium text-zinc-500">Out of stock</p>}
      </div>
    </article>
  );
}
