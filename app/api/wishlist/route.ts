// GET /api/wishlist: the products the visitor saved (for the hearts of product cards and pages) and the
// email a "notify me" form starts with (the signed-in account's). Catalog pages are the same for every
// visitor and served from the cache, so this per-visitor answer is read in the browser
// (components/wishlist/wishlist-context.tsx). The only inputs are the session and wishlist cookies (no
// query parameters are read); never stored by any cache.
import { NextResponse, connection } from "next/server";
import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { GENERIC_ERROR_MESSAGE, isDatabaseUnavailable, SERVICE_UNAVAILABLE_MESSAGE } from "@/lib/errors";
import { readWishlistId } from "@/lib/wishlist/cookies";
import { listWishlistProductIds, type WishlistStateResponse } from "@/lib/wishlist/wishlist";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function GET() {
  // Outside the try: this marks the handler as per request (never prerendered), a signal not to be caught.
  await connection();
  try {
    const user = await getSessionUser();
    const productIds = await listWishlistProductIds(prisma, {
      userId: user?.id ?? null,
      guestWishlistId: await readWishlistId(),
    });
    const body: WishlistStateResponse = { productIds, email: user?.email ?? null };
    return NextResponse.json(body, { headers: NO_STORE });
  } catch (error) {
    console.error("[api/wishlist]", error);
    if (isDatabaseUnavailable(error)) {
      return NextResponse.json({ error: SERVICE_UNAVAILABLE_MESSAGE }, { status: 503, headers: NO_STORE });
    }
    return NextResponse.json({ error: GENERIC_ERROR_MESSAGE }, { status: 500, headers: NO_STORE });
  }
}
