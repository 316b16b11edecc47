// GET /api/stock?products=<id>,<id>,...: whether each product can be bought now, for the "Out of stock"
// notes of a category listing served from the cache (components/search/live-stock.tsx). At most
// MAX_STOCK_PRODUCTS well-formed ids; anything else is a 400. Read live, never stored by any cache.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { MAX_STOCK_PRODUCTS, productsInStock } from "@/lib/catalog/live-stock";
import type { StockResponse } from "@/lib/catalog/types";
import { prisma } from "@/lib/db";
import { isDatabaseUnavailable, SERVICE_UNAVAILABLE_MESSAGE } from "@/lib/errors";

const NO_STORE = { "Cache-Control": "no-store" };

const productIds = z
  .string()
  .max(MAX_STOCK_PRODUCTS * 65)
  .transform((value) => value.split(","))
  .pipe(
    z
      .array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/))
      .min(1)
      .max(MAX_STOCK_PRODUCTS),
  );

export async function GET(request: NextRequest) {
  const parsed = productIds.safeParse(request.nextUrl.searchParams.get("products") ?? "");
  if (!parsed.success) {
    return NextResponse.json(
      { error: `Give products=<id>,<id>,... (at most ${MAX_STOCK_PRODUCTS} product ids).` },
      { status: 400, headers: NO_STORE },
    );
  }
  try {
    const body: StockResponse = { inStock: await productsInStock(prisma, parsed.data) };
    return NextResponse.json(body, { headers: NO_STORE });
  } catch (error) {
    // A database outage: the cached listing still shows, without its live stock notes.
    if (!isDatabaseUnavailable(error)) throw error;
    return NextResponse.json({ error: SERVICE_UNAVAILABLE_MESSAGE }, { status: 503, headers: NO_STORE });
  }
}
