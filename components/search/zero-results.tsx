import Link from "next/link";
import { categoryPath } from "@/lib/catalog/site";
import { EMPTY_REQUEST, hasFilters, type SearchRequest } from "@/lib/search/params";
import type { ZeroResultsHelp } from "@/lib/search/types";
import { searchHref } from "@/lib/search/url";
import { SearchResultCard } from "./result-card";

export interface PopularCategory {
  slug: string;
  name: string;
}

const link = "font-medium text-zinc-900 underline";

/**
 * No results, never a dead end: the ways out that usually work (a corrected spelling, the words that find
 * something on their own, the search without filters) and the popular products of the closest category.
 */
export function ZeroResults({
  request,
  query = request.q,
  help,
  categories,
  basePath,
}: {
  request: SearchRequest;
  /** The words as typed (the request holds what was left of them after understanding). */
  query?: string;
  help: ZeroResultsHelp | null;
  categories: PopularCategory[];
  basePath: string;
}) {
  const filtered = hasFilters(request);
  const fallbackWords = query.split(" ").filter((word) => word.length > 2);
  const words = help ? help.words : fallbackWords.map((word) => ({ word, count: null }));
  return (
    <section
      aria-labelledby="zero-results-title"
      className="flex flex-col gap-8 rounded-xl border border-dashed border-zinc-300 px-6 py-12"
      data-testid="zero-results"
    >
      <div className="text-center">
        <h2 id="zero-results-title" className="text-lg font-semibold">
          {query ? <>No products match “{query}”</> : "No products match these filters"}
        </h2>
        <ul className="mx-auto mt-6 flex max-w-xl flex-col gap-3 text-sm text-zinc-700">
          {help?.didYouMean ? (
            <li>
              Did you mean{" "}
              <Link href={searchHref({ ...EMPTY_REQUEST, q: help.didYouMean }, {}, basePath)} className={link}>
                {help.didYouMean}
              </Link>
              ?
            </li>
          ) : null}
          {filtered ? (
            <li>
              <Link href={searchHref({ ...EMPTY_REQUEST, q: request.q }, {}, basePath)} className={link}>
                {request.q ? <>Search “{request.q}” without filters</> : "Show all products without filters"}
              </Link>
            </li>
          ) : null}
          {words.length > 1 || (help && words.length > 0) ? (
            <li>
              Try fewer words:{" "}
              {words.slice(0, 4).map(({ word, count }, index) => (
                <span key={word}>
                  {index > 0 ? ", " : null}
                  <Link href={searchHref({ ...EMPTY_REQUEST, q: word }, {}, basePath)} className={link}>
                    {word}
                  </Link>
                  {count !== null ? <span className="text-zinc-500"> ({count})</span> : null}
                </span>
              ))}
            </li>
          ) : null}
          <li>Check the spelling, or use a more general word (“shoes” rather than a model name).</li>
        </ul>
      </div>
      {help && help.popular.length > 0 ? (
        <section aria-labelledby="zero-results-popular" className="flex flex-col gap-4">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 id="zero-results-popular" className="text-base font-semibold text-zinc-900">
              {help.category ? <>Popular in {help.category.name}</> : "Popular right now"}
            </h3>
            {help.category ? (
              <Link href={categoryPath(help.category.slug)} className="text-sm text-zinc-600 underline">
                See all {help.category.name}
              </Link>
            ) : null}
          </div>
          <ul className="grid grid-cols-2 gap-x-6 gap-y-8 sm:grid-cols-4">
            {help.popular.map((hit) => (
              <li key={hit.id}>
                <SearchResultCard hit={hit} eager={false} testId="popular-product" />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {categories.length > 0 ? (
        <nav aria-label="Popular categories" className="text-center">
          <h3 className="text-sm font-semibold text-zinc-900">Browse categories</h3>
          <ul className="mt-3 flex flex-wrap justify-center gap-2">
            {categories.map((category) => (
              <li key={category.slug}>
                <Link
                  href={categoryPath(category.slug)}
                  className="inline-block rounded-full border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100"
                >
                  {category.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </section>
  );
}
