import Link from "next/link";
import { CartButton } from "./cart/cart-button";
import { CartCount } from "./cart/cart-count";
import { CartDrawer } from "./cart/cart-drawer";
import { SearchBox } from "./search/search-box";
import { getCategoryTree } from "@/lib/catalog/cache";
import { categoryPath, storeName } from "@/lib/catalog/site";

function CartIcon() {
  return (
    <svg width="24" height="24" viewBox="0 0 24 24" fill="none" aria-hidden="true" className="stroke-current">
      <path
        d="M3 4h2l2.4 11.2a2 2 0 0 0 2 1.6h7.7a2 2 0 0 0 2-1.5L21 8H6"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
      <circle cx="10" cy="20" r="1.3" strokeWidth="1.6" />
      <circle cx="17" cy="20" r="1.3" strokeWidth="1.6" />
    </svg>
  );
}

export async function SiteHeader() {
  const categories = await getCategoryTree();
  return (
    <header className="border-b border-zinc-200 bg-white">
      <div className="mx-auto flex max-w-7xl items-center justify-between gap-4 px-4 py-4 sm:px-6 lg:px-8">
        <Link href="/" className="rounded-sm text-lg font-bold tracking-tight text-zinc-900">
          {storeName()}
        </Link>
        <SearchBox className="min-w-0 max-w-md flex-1" />
        {/* Static, so pages stay cacheable: /account sends anonymous visitors to sign in. */}
        <Link
          href="/account"
          prefetch={false}
          aria-label="Your account"
          className="rounded-md p-2 text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2"
        >
          <svg width="24" height="24" viewBox="0 0 24 24" fill="none" aria-hidden="true" className="stroke-current">
            <circle cx="12" cy="8" r="4" strokeWidth="1.8" />
            <path d="M4 21c1.5-4 4.5-6 8-6s6.5 2 8 6" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
        </Link>
        {/* A plain link to /cart (never prefetched: the cart is per visitor) that opens the cart drawer when
            JavaScript runs. Its count comes from the cart context (read in the browser). */}
        <CartButton className="relative rounded-md p-2 text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900">
          <CartIcon />
          <CartCount />
        </CartButton>
        <CartDrawer />
      </div>
      <nav aria-label="Categories" className="border-t border-zinc-100">
        <ul className="mx-auto flex max-w-7xl gap-1 overflow-x-auto px-2 py-2 text-sm sm:px-4 lg:px-6">
          {categories.map((category) => (
            <li key={category.id} className="shrink-0">
              <Link
                href={categoryPath(category.slug)}
                className="inline-block rounded-md px-3 py-1.5 text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900"
              >
                {category.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
