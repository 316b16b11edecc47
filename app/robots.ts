import type { MetadataRoute } from "next";
import { absoluteUrl } from "@/lib/catalog/site";

// Personal and transactional pages stay out of search engines; everything else is public catalog.
export default function robots(): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/admin", "/cart", "/checkout", "/api"] }],
    sitemap: absoluteUrl("/sitemap.xml"),
  };
}
