import Link from "next/link";
import type { SearchRequest } from "@/lib/search/params";
import { searchHref } from "@/lib/search/url";

/** Page numbers around the current one, with the first and last always present. */
export function pageWindow(page: number, totalPages: number): (number | "gap")[] {
  const pages = new Set([1, totalPages, page - 1, page, page + 1].filter((n) => n >= 1 && n <= totalPages));
  const sorted = [...pages].sort((a, b) => a - b);
  const result: (number | "gap")[] = [];
  sorted.forEach((n, i) => {
    if (i > 0 && n - sorted[i - 1]! > 1) result.push("gap");
    result.push(n);
  });
  return result;
}

export function SearchPagination({
  request,
  totalPages,
  basePath,
}: {
  request: SearchRequest;
  totalPages: number;
  basePath: string;
}) {
  if (totalPages <= 1 && request.page === 1) return null;
  const link = "rounded-md px-3 py-1.5 text-sm hover:bg-zinc-100";
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-center gap-1">
      {request.page > 1 ? (
        <Link
          href={searchHref(request, { page: Math.min(request.page - 1, totalPages) }, basePath)}
          rel="prev"
          className={link}
        >
          Previous
        </Link>
      ) : null}
      {pageWindow(Math.min(request.page, totalPages), totalPages).map((entry, index) =>
        entry === "gap" ? (
          <span key={`gap-${index}`} className="px-2 text-zinc-400">
            …
          </span>
        ) : (
          <Link
            key={entry}
            href={searchHref(request, { page: entry }, basePath)}
            aria-current={entry === request.page ? "page" : undefined}
            className={`${link} ${entry === request.page ? "bg-zinc-900 text-white hover:bg-zinc-800" : ""}`}
          >
            {entry}
          </Link>
        ),
      )}
      {request.page < totalPages ? (
        <Link href={searchHref(request, { page: request.page + 1 }, basePath)} rel="next" className={link}>
          Next
        </Link>
      ) : null}
    </nav>
  );
}
