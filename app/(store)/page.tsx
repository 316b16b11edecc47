import type { Metadata } from "next";
import Link from "next/link";
import { ProductGrid } from "@/components/product-card";
import { getCategoryTree, getFeaturedProducts, getNewArrivals } from "@/lib/catalog/cache";
import { absoluteUrl, categoryPath, storeName } from "@/lib/catalog/site";

const SECTION_SIZE = 8;

export async function generateMetadata(): Promise<Metadata> {
  const name = storeName();
  const description = `Shop ${name}: featured products, new arrivals and every category in one place.`;
  return {
    // The home page's title is the store name alone, without the "%s | store" template.
    title: { absolute: `${name}: everyday gear, honestly priced` },
    description,
    alternates: { canonical: "/" },
    openGraph: { title: name, description, url: absoluteUrl("/") },
  };
}

export default async function HomePage() {
  const [featured, newArrivals, categories] = await Promise.all([
    getFeaturedProducts(SECTION_SIZE),
    getNewArrivals(SECTION_SIZE),
    getCategoryTree(),
  ]);
  return (
    <div className="mx-auto flex max-w-7xl flex-col gap-16 px-4 py-10 sm:px-6 lg:px-8">
      <section
        aria-labelledby="hero-heading"
        className="rounded-2xl bg-zinc-900 px-6 py-12 text-white sm:px-12 sm:py-16"
      >
        <h1 id="hero-heading" className="max-w-2xl text-3xl font-bold tracking-tight sm:text-5xl">
          Gear that earns its place.
        </h1>
        <p className="mt-4 max-w-xl text-zinc-300">
          Well-made everyday essentials from brands we trust, in stock in two warehouses and ready to ship.
        </p>
        {categories[0] ? (
          <Link
            href={categoryPath(categories[0].slug)}
            prefetch={false}
            className="mt-8 inline-block rounded-md bg-white px-5 py-3 font-semibold text-zinc-900 hover:bg-zinc-100"
          >
            Shop {categories[0].name}
          </Link>
        ) : null}
      </section>

      {featured.length > 0 ? (
        <section aria-labelledby="featured-heading" className="flex flex-col gap-6">
          <h2 id="featured-heading" className="text-2xl font-semibold tracking-tight">
            Featured
          </h2>
          <ProductGrid products={featured} />
        </section>
      ) : null}

      {categories.length > 0 ? (
        <section aria-labelledby="categories-heading" className="flex flex-col gap-6">
          <h2 id="categories-heading" className="text-2xl font-semibold tracking-tight">
            Shop by category
          </h2>
          <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {categories.map((category) => (
              <li key={category.id}>
                <Link
                  href={categoryPath(category.slug)}
                  prefetch={false}
                  className="flex h-full flex-col gap-2 rounded-xl border border-zinc-200 p-5 hover:border-zinc-400 hover:bg-zinc-50"
                >
                  <span className="font-semibold text-zinc-900">{category.name}</span>
                  {category.description ? <span className="text-sm text-zinc-600">{category.description}</span> : null}
                  {category.children.length > 0 ? (
                    <span className="text-xs text-zinc-500">
                      {category.children.map((child) => child.name).join(" · ")}
                    </span>
                  ) : null}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="new-heading" className="flex flex-col gap-6">
        <h2 id="new-heading" className="text-2xl font-semibold tracking-tight">
          New arrivals
        </h2>
        {newArrivals.length > 0 ? (
          <ProductGrid products={newArrivals} eagerCount={0} />
        ) : (
          <p className="text-zinc-600">The shelves are being stocked. Check back soon.</p>
        )}
      </section>
    </div>
  );
}
