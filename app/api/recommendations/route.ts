// GET /api/recommendations, the per-visitor and below-the-fold suggestions, asked for by the browser so
// that no page is dynamic for them and no page carries them in its HTML:
//   ?product=<slug>&product=<slug>...  "You may also like" for the products of a cart
//                                       (components/cart/cart-recommendations.tsx), or the store's best
//                                       sellers with no product; at most MAX_SOURCE_PRODUCTS slugs;
//   ?for=<slug>                         "Frequently bought together" for a product page
//                                       (components/product/recommendations/bought-together.tsx).
// Anything else (malformed slugs, both forms at once) is a 400. The answer depends on the slugs alone:
// cached like the catalog (lib/recommendations/cache.ts) and briefly by the browser.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { isWellFormedSlug } from "@/lib/catalog/params";
import { isDatabaseUnavailable, SERVICE_UNAVAILABLE_MESSAGE } from "@/lib/errors";
import { getBasketRecommendations, getProductPageRecommendations } from "@/lib/recommendations/cache";
import { MAX_SOURCE_PRODUCTS, type Recommendations } from "@/lib/recommendations/queries";

const slug = z.string().refine(isWellFormedSlug);
const query = z.union([
  z.object({
    for: z.tuple([slug]),
    product: z.tuple([]),
  }),
  z.object({
    for: z.tuple([]),
    product: z
      .array(slug)
      .max(MAX_SOURCE_PRODUCTS)
      .transform((values) => [...new Set(values)].sort()),
  }),
]);

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const parsed = query.safeParse({ for: params.getAll("for"), product: params.getAll("product") });
  if (!parsed.success) {
    return NextResponse.json(
      { error: `Give for=<slug> once, or product=<slug> at most ${MAX_SOURCE_PRODUCTS} times.` },
      { status: 400, headers: NO_STORE },
    );
  }
  try {
    const [productSlug] = parsed.data.for;
    const body: Recommendations | null = productSlug
      ? await getProductPageRecommendations(productSlug)
      : await getBasketRecommendations(parsed.data.product);
    if (!body) return NextResponse.json({ error: "No such product." }, { status: 404, headers: NO_STORE });
    return NextResponse.json(body, { headers: { "Cache-Control": "public, max-age=60" } });
  } catch (error) {
    // A database outage: the suggestions are simply absent.
    if (!isDatabaseUnavailable(error)) throw error;
    return NextResponse.json({ error: SERVICE_UNAVAILABLE_MESSAGE }, { status: 503, headers: NO_STORE });
  }
}
