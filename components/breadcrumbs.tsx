import Link from "next/link";
import type { BreadcrumbItem } from "@/lib/catalog/structured-data";

/**
 * The visible trail; the last item is the current page (not a link, aria-current). Styled by the
 * .breadcrumbs classes of app/globals.css, which also draw the separators (one class list for the whole
 * trail, in the HTML and again in the RSC payload). The links are not prefetched: a category's payload is
 * tens of KB, parsed while the product page is starting up.
 */
export function Breadcrumbs({ items }: { items: BreadcrumbItem[] }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm text-zinc-600">
      <ol className="breadcrumbs">
        {items.map((item, index) => {
          const last = index === items.length - 1;
          return (
            <li key={`${index}-${item.name}`}>
              {last || !item.path ? (
                <span aria-current={last ? "page" : undefined}>{item.name}</span>
              ) : (
                <Link href={item.path} prefetch={false}>
                  {item.name}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
