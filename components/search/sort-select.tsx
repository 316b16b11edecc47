import Form from "next/form";
import { SORT_KEYS, SORT_LABELS } from "@/lib/search/facets";
import type { SearchRequest } from "@/lib/search/params";
import { searchHref } from "@/lib/search/url";
import { AutoSubmit } from "./auto-submit";
import { HiddenState } from "./hidden-state";

export function SortSelect({ request, basePath }: { request: SearchRequest; basePath: string }) {
  return (
    <Form key={searchHref(request, {}, basePath)} action={basePath} scroll={false} className="flex items-center gap-2">
      <HiddenState request={request} omit={["sort"]} />
      <label htmlFor="search-sort" className="text-sm text-zinc-600">
        Sort by
      </label>
      <select
        id="search-sort"
        name="sort"
        defaultValue={request.sort}
        className="rounded-md border border-zinc-300 bg-white px-2 py-1.5 text-sm"
        data-testid="search-sort"
      >
        {SORT_KEYS.map((key) => (
          <option key={key} value={key}>
            {/* Without a query "relevance" is the browse order (featured first, see meiliSortFor). */}
            {key === "relevance" && !request.q ? "Featured" : SORT_LABELS[key]}
          </option>
        ))}
      </select>
      <AutoSubmit label="Sort" />
    </Form>
  );
}
