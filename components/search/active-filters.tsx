// The filters of a search as chips above the results, each a link to the same search without it. They
// are the filters the sidebar sets (and those read from the query, which are the same thing), so every
// state is a URL and the back button brings a removed chip back.
import Link from "next/link";
import type { SearchResult } from "@/lib/search/types";
import { searchHref } from "@/lib/search/url";

export function ActiveFilters({ result, basePath }: { result: SearchResult; basePath: string }) {
  if (result.activeFilters.length === 0) return null;
  return (
    <ul aria-label="Active filters" className="flex flex-wrap gap-2" data-testid="active-filters">
      {result.activeFilters.map((filter) => (
        <li key={filter.key}>
          <Link
            href={searchHref(result.request, filter.remove, basePath)}
            scroll={false}
            aria-label={`Remove filter: ${filter.label}`}
            className="inline-flex items-center gap-1.5 rounded-full border border-zinc-300 bg-white py-1 pl-3 pr-2 text-sm text-zinc-800 hover:border-zinc-400 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-1"
            data-testid="filter-chip"
            data-filter={filter.key}
          >
            <span>{filter.label}</span>
            <span aria-hidden="true" className="text-base leading-none text-zinc-500">
              ×
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
