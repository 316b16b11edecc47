// Store identity for metadata, JSON-LD, the sitemap and robots.txt. Read from the environment at build
// and at start: SITE_URL is the public origin (canonical URLs must be absolute), STORE_NAME the title.

export const DEFAULT_SITE_URL = "http://localhost:3000";
export const DEFAULT_STORE_NAME = "Northwind Supply";

/** The public origin without a trailing slash; an invalid SITE_URL falls back to the default. */
export function siteUrl(): string {
  const raw = process.env.SITE_URL?.trim();
  if (!raw) return DEFAULT_SITE_URL;
  try {
    const url = new URL(raw);
    return url.origin + url.pathname.replace(/\/+$/, "");
  } catch {
    return DEFAULT_SITE_URL;
  }
}

export function storeName(): string {
  return process.env.STORE_NAME?.trim() || DEFAULT_STORE_NAME;
}

/** An absolute URL for a path on this site ("/products/x" -> "https://shop.example/products/x"). */
export function absoluteUrl(path: string): string {
  return absoluteUrlFrom(siteUrl(), path);
}

/** The same for a given origin: client components get the origin from the server (no SITE_URL there). */
export function absoluteUrlFrom(origin: string, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  return `${origin}${path.startsWith("/") ? path : `/${path}`}`;
}

export function productPath(slug: string): string {
  return `/products/${encodeURIComponent(slug)}`;
}

export function categoryPath(slug: string): string {
  return `/category/${encodeURIComponent(slug)}`;
}
