import Link from "next/link";
import { categoryPath } from "@/lib/catalog/site";
import { EMPTY_REQUEST, hasFilters, type SearchRequest } from "@/lib/search/params";
import { searchHref } from "@/lib/search/url";

export interface PopularCategory {
  slug: string;
  name: string;
}

/** No results: offer the ways out that usually work (drop filters, fewer words, browse). */
export function ZeroResults({
  request,
  categories,
  basePath,
}: {
  request: SearchRequest;
  categories: PopularCategory[];
  basePath: string;
}) {
  const filtered = hasFilters(request);
  const words = request.q.split(" ").filter((word) => word.length > 2);
  return (
    <section
      aria-labelledby="zero-results-title"
      className="rounded-xl border border-dashed border-zinc-300 px-6 py-12 text-center"
      data-testid="zero-results"
    >
      <h2 id="zero-results-title" className="text-lg font-semibold">
        {request.q ? <>No products match “{request.q}”</> : "No products match these filters"}
      </h2>
      <ul className="mx-auto mt-6 flex max-w-xl flex-col gap-3 text-sm text-zinc-700">
        {filtered ? (
          <li>
            <Link
              href={searchHref({ ...EMPTY_REQUEST, q: request.q }, {}, basePath)}
              className="font-medium text-zinc-900 underline"
            >
              {request.q ? <>Search “{request.q}” without filters</> : "Show all products without filters"}
            </Link>
          </li>
        ) : null}
        {words.length > 1 ? (
          <li>
            Try fewer words:{" "}
            {words.slice(0, 4).map((word, index) => (
              <span key={word}>
                {index > 0 ? ", " : null}
                <Link
                  href={searchHref({ ...EMPTY_REQUEST, q: word }, {}, basePath)}
                  className="font-medium text-zinc-900 underline"
                >
                  {word}
                </Link>
              </span>
            ))}
          </li>
        ) : null}
        <li>Check the spelling, or use a more general word (“shoes” rather than a model name).</li>
      </ul>
      {categories.length > 0 ? (
        <nav aria-label="Popular categories" className="mt-8">
          <h3 className="text-sm font-semibold text-zinc-900">Popular categories</h3>
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
