import Link from "next/link";
import { CartButton } from "./cart/cart-button";
import { CartCount } from "./cart/cart-count";
import { LazyCartDrawer } from "./cart/lazy-cart-drawer";
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
      {/* On a phone the search box takes its own full-width row under the name, account and cart (squeezed
          between them it was a few pixels wide); from the sm breakpoint it sits between them. */}
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-x-4 gap-y-3 px-4 py-4 sm:flex-nowrap sm:px-6 lg:px-8">
        <Link
          href="/"
          prefetch={false}
          className="mr-auto rounded-sm text-lg font-bold tracking-tight text-zinc-900 sm:mr-0"
        >
          {storeName()}
        </Link>
        <SearchBox className="order-last w-full min-w-0 basis-full sm:order-none sm:max-w-md sm:flex-1 sm:basis-auto" />
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
            JavaScript runs (the drawer's code is loaded then). Its count comes from the cart context (read in the
            browser). */}
        <CartButton className="relative rounded-md p-2 text-zinc-700 hover:bg-zinc-100 hover:text-zinc-900">
          <CartIcon />
          <CartCount />
        </CartButton>
        <LazyCartDrawer />
      </div>
      <nav aria-label="Categories" className="border-t border-zinc-100">
        {/* The row scrolls sideways when the categories do not fit: its right edge fades out so a cut-off
            name reads as "more this way"; the extra end padding lets the last name scroll clear of the fade.
            The fade is a mask (decoration only): every link stays in the tab order and scrolls into view. */}
        {/* The links' look is set once on the list (one class list in the page and its payload, not one per
            link). Not prefetched: a phone would fetch every category in view while the page is still
            starting, which delays it becoming responsive (the category pages are served from the cache). */}
        <ul
          data-testid="category-bar"
          className="mx-auto flex max-w-7xl [mask-image:linear-gradient(to_right,black_calc(100%-2.5rem),transparent)] gap-1 overflow-x-auto px-2 py-2 pr-10 text-sm sm:px-4 sm:pr-10 lg:px-6 lg:pr-10 [&_a]:inline-block [&_a]:rounded-md [&_a]:px-3 [&_a]:py-1.5 [&_a]:text-zinc-700 [&_a:hover]:bg-zinc-100 [&_a:hover]:text-zinc-900 [&>li]:shrink-0"
        >
          {categories.map((category) => (
            <li key={category.slug}>
              <Link href={categoryPath(category.slug)} prefetch={false}>
                {category.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
