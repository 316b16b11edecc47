// GET /api/products/<slug>/availability: units available now per variant of an active product, for the
// product page's purchase panel (the page itself is served from the cache, the same for everyone). The
// variants come from the cached product; the quantities are read live. Never stored by any cache.
import { NextResponse } from "next/server";
import { getProduct } from "@/lib/catalog/cache";
import { isWellFormedSlug } from "@/lib/catalog/params";
import type { AvailabilityResponse } from "@/lib/catalog/types";
import { prisma } from "@/lib/db";
import { isDatabaseUnavailable, SERVICE_UNAVAILABLE_MESSAGE } from "@/lib/errors";
import { getAvailability } from "@/lib/inventory/availability";

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  try {
    // A malformed slug names nothing: no lookup, no cache entry.
    const product = isWellFormedSlug(slug) ? await getProduct(slug) : null;
    if (!product) return NextResponse.json({ error: "No such product." }, { status: 404, headers: NO_STORE });
    const body: AvailabilityResponse = {
      availability: await getAvailability(
        prisma,
        product.variants.map((variant) => variant.id),
      ),
    };
    return NextResponse.json(body, { headers: NO_STORE });
  } catch (error) {
    // A database outage: the cached page still shows, and its panel says stock could not be checked.
    if (!isDatabaseUnavailable(error)) throw error;
    return NextResponse.json({ error: SERVICE_UNAVAILABLE_MESSAGE }, { status: 503, headers: NO_STORE });
  }
}
