import Link from "next/link";
import { getCategoryTree } from "@/lib/catalog/cache";
import { categoryPath, storeName } from "@/lib/catalog/site";

export async function SiteFooter() {
  const categories = await getCategoryTree();
  return (
    <footer className="mt-16 border-t border-zinc-200 bg-zinc-50">
      <div className="mx-auto grid max-w-7xl gap-8 px-4 py-10 text-sm sm:grid-cols-2 sm:px-6 lg:grid-cols-4 lg:px-8">
        <div className="flex flex-col gap-2">
          <p className="font-semibold text-zinc-900">{storeName()}</p>
          <p className="text-zinc-600">Everyday gear, honestly priced and shipped from two warehouses.</p>
        </div>
        <nav aria-label="Shop" className="flex flex-col gap-2">
          <h2 className="font-semibold text-zinc-900">Shop</h2>
          <ul className="flex flex-col gap-1.5">
            {categories.map((category) => (
              <li key={category.id}>
                <Link
                  href={categoryPath(category.slug)}
                  className="rounded-sm text-zinc-600 hover:text-zinc-900 hover:underline"
                >
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
              <Link href="/cart" className="rounded-sm text-zinc-600 hover:text-zinc-900 hover:underline">
                Your cart
              </Link>
            </li>
            <li>
              <Link href="/orders/lookup" className="rounded-sm text-zinc-600 hover:text-zinc-900 hover:underline">
                Find your order
              </Link>
            </li>
            <li>
              <a href="/sitemap.xml" className="rounded-sm text-zinc-600 hover:text-zinc-900 hover:underline">
                Sitemap
              </a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
