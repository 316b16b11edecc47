import Link from "next/link";
import { getCategoryTree } from "@/lib/catalog/cache";
import { categoryPath, storeName } from "@/lib/catalog/site";

export async function SiteFooter() {
  const categories = await getCategoryTree();
  return (
    <footer className="mt-16 border-t border-zinc-200 bg-zinc-50">
      {/* The links' look is set once here (not once per link, in the page and again in its payload); they are
          not prefetched (far below the fold, and a page starting up should not fetch others). */}
      <div className="mx-auto grid max-w-7xl gap-8 px-4 py-10 text-sm sm:grid-cols-2 sm:px-6 lg:grid-cols-4 lg:px-8 [&_li>a]:rounded-sm [&_li>a]:text-zinc-600 [&_li>a:hover]:text-zinc-900 [&_li>a:hover]:underline">
        <div className="flex flex-col gap-2">
          <p className="font-semibold text-zinc-900">{storeName()}</p>
          <p className="text-zinc-600">Everyday gear, honestly priced and shipped from two warehouses.</p>
        </div>
        <nav aria-label="Shop" className="flex flex-col gap-2">
          <h2 className="font-semibold text-zinc-900">Shop</h2>
          <ul className="flex flex-col gap-1.5">
            {categories.map((category) => (
              <li key={category.slug}>
                <Link href={categoryPath(category.slug)} prefetch={false}>
                  {category.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <nav aria-label="Help" className="flex flex-col gap-2">
          <h2 className="font-semibold text-zinc-900">Help</h2>
          <ul className="flex flex-col gap-1.5">
            <li>
              <Link href="/cart" prefetch={false}>
                Your cart
              </Link>
            </li>
            <li>
              <Link href="/orders/lookup" prefetch={false}>
                Find your order
              </Link>
            </li>
            <li>
              <a href="/sitemap.xml">Sitemap</a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
