import Link from "next/link";
import type { BreadcrumbItem } from "@/lib/catalog/structured-data";

/** The visible trail; the last item is the current page (not a link, aria-current). */
export function Breadcrumbs({ items }: { items: BreadcrumbItem[] }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-zinc-600">
      <ol className="flex flex-wrap items-center gap-x-2 gap-y-1">
        {items.map((item, index) => {
          const last = index === items.length - 1;
          return (
            <li key={`${index}-${item.name}`} className="flex items-center gap-2">
              {last || !item.path ? (
                <span aria-current={last ? "page" : undefined} className="font-medium text-zinc-900">
                  {item.name}
                </span>
              ) : (
                <Link href={item.path} className="rounded-sm hover:text-zinc-900 hover:underline">
                  {item.name}
                </Link>
              )}
              {last ? null : (
                <span aria-hidden="true" className="text-zinc-400">
                  /
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
