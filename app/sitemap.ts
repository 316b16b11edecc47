import type { MetadataRoute } from "next";
import { getSitemapEntries } from "@/lib/catalog/cache";
import { absoluteUrl } from "@/lib/catalog/site";

// Home, every category and every ACTIVE product (drafts and archived products are never listed).
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const entries = await getSitemapEntries();
  return [
    { url: absoluteUrl("/"), changeFrequency: "daily", priority: 1 },
    ...entries.map((entry) => ({
      url: absoluteUrl(entry.path),
      lastModified: entry.lastModified,
      changeFrequency: entry.path.startsWith("/category/") ? ("daily" as const) : ("weekly" as const),
      priority: entry.path.startsWith("/category/") ? 0.8 : 0.6,
    })),
  ];
}
