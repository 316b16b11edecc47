// The search as JSON: GET /api/search?q=...&brand=...&page=... (the same parameters as /search).
// For clients that render their own results, and what `npm run bench:search` measures end to end.
import { NextResponse, type NextRequest } from "next/server";
import { parseSearchParams } from "@/lib/search/params";
import { searchCatalog } from "@/lib/search/service";
import { getCurrencyDisplay } from "@/lib/settings/money-format";

export async function GET(request: NextRequest) {
  const result = await searchCatalog(parseSearchParams(request.nextUrl.searchParams), {
    currencyDisplay: await getCurrencyDisplay(),
  });
  return NextResponse.json(result, {
    status: result.unavailable ? 503 : 200,
    headers: { "Cache-Control": result.degraded ? "no-store" : "public, max-age=15, stale-while-revalidate=45" },
  });
}
