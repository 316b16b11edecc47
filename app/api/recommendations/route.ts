// GET /api/recommendations?product=<slug>&product=<slug>...: "You may also like" cards for the products of
// a cart (components/cart/cart-recommendations.tsx), or the store's best sellers with no product. The
// cart is per visitor, so the drawer asks here rather than making any page dynamic. At most
// MAX_SOURCE_PRODUCTS well-formed slugs; anything else is a 400. The answer depends on the slugs alone:
// cached like the catalog (lib/recommendations/cache.ts) and briefly by the browser.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { isWellFormedSlug } from "@/lib/catalog/params";
import { isDatabaseUnavailable, SERVICE_UNAVAILABLE_MESSAGE } from "@/lib/errors";
import { getBasketRecommendations } from "@/lib/recommendations/cache";
import { MAX_SOURCE_PRODUCTS, type Recommendations } from "@/lib/recommendations/queries";

const slugs = z
  .array(z.string().refine(isWellFormedSlug))
  .max(MAX_SOURCE_PRODUCTS)
  .transform((values) => [...new Set(values)].sort());

export async function GET(request: NextRequest) {
  const parsed = slugs.safeParse(request.nextUrl.searchParams.getAll("product"));
  if (!parsed.success) {
    return NextResponse.json(
      { error: `Give product=<slug> at most ${MAX_SOURCE_PRODUCTS} times.` },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  }
  try {
    const body: Recommendations = await getBasketRecommendations(parsed.data);
    return NextResponse.json(body, { headers: { "Cache-Control": "public, max-age=60" } });
  } catch (error) {
    // A database outage: the drawer simply shows no suggestions.
    if (!isDatabaseUnavailable(error)) throw error;
    return NextResponse.json(
      { error: SERVICE_UNAVAILABLE_MESSAGE },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
