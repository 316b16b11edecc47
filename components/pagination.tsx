import Link from "next/link";
import { listingHref } from "@/lib/catalog/params";
import type { SortKey } from "@/lib/catalog/types";

/** Page numbers shown around the current one: first, last, current ±1, with gaps as "…". */
export function pageWindow(page: number, totalPages: number): (number | "gap")[] {
  const pages = new Set([1, totalPages, page - 1, page, page + 1].filter((p) => p >= 1 && p <= totalPages));
  const sorted = [...pages].sort((a, b) => a - b);
  const result: (number | "gap")[] = [];
  for (const p of sorted) {
    const previous = result[result.length - 1];
    if (typeof previous === "number" && p - previous > 1) result.push("gap");
    result.push(p);
  }
  return result;
}

const linkClass =
  "inline-flex min-w-10 items-center justify-center rounded-md border border-zinc-300 px-3 py-2 text-sm hover:bg-zinc-100";

export function Pagination({
  basePath,
  page,
  totalPages,
  sort,
}: {
  basePath: string;
  page: number;
  totalPages: number;
  sort: SortKey;
}) {
  if (totalPages <= 1) return null;
  return (
    <nav aria-label="Pagination" className="flex justify-center">
      <ul className="flex flex-wrap items-center gap-2">
        {page > 1 ? (
          <li>
            <Link href={listingHref(basePath, { sort, page: page - 1 })} rel="prev" className={linkClass}>
              Previous
            </Link>
          </li>
        ) : null}
        {pageWindow(page, totalPages).map((p, index) =>
          p === "gap" ? (
            <li key={`gap-${index}`} aria-hidden="true" className="px-1 text-zinc-500">
              …
            </li>
          ) : (
            <li key={p}>
              <Link
                href={listingHref(basePath, { sort, page: p })}
                aria-label={`Page ${p}`}
                aria-current={p === page ? "page" : undefined}
                className={p === page ? `${linkClass} border-zinc-900 bg-zinc-900 text-white hover:bg-zinc-800` : linkClass}
              >
                {p}
              </Link>
            </li>
          ),
        )}
        {page < totalPages ? (
          <li>
            <Link href={listingHref(basePath, { sort, page: page + 1 })} rel="next" className={linkClass}>
              Next
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
