// Instant suggestions for the header search box. GET /api/search/suggest?q=... -> up to six products.
// Public and identical for everyone, so shared caches may keep an answer briefly.
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { productPath } from "@/lib/catalog/site";
import { checkRateLimit, clientIp } from "@/lib/rate-limit";
import { suggestCatalog } from "@/lib/search/service";
import { getStoreMoneyFormatter } from "@/lib/settings/money-format";

// Longer input is cut to 200 characters by the search itself; beyond this it is not a typed query.
const querySchema = z.object({ q: z.string().max(1_000).default("") });

const CACHE_CONTROL = "public, max-age=15, stale-while-revalidate=45";

export async function GET(request: NextRequest) {
  const limited = await checkRateLimit("searchSuggest", { ip: clientIp(request.headers) });
  if (!limited.ok) {
    // Per client: a shared cache must never hand this answer to someone else.
    return NextResponse.json(
      { error: limited.message, retryAfterSeconds: limited.retryAfterSeconds },
      { status: 429, headers: { "Retry-After": String(limited.retryAfterSeconds), "Cache-Control": "no-store" } },
    );
  }
  const parsed = querySchema.safeParse({ q: request.nextUrl.searchParams.get("q") ?? undefined });
  if (!parsed.success) {
    return NextResponse.json({ error: "q must be at most 1000 characters" }, { status: 400 });
  }
  try {
    const [{ suggestions, degraded }, formatMoney] = await Promise.all([
      suggestCatalog(parsed.data.q),
      getStoreMoneyFormatter(),
    ]);
    return NextResponse.json(
      {
        degraded,
        suggestions: suggestions.map((suggestion) => ({
          id: suggestion.id,
          title: suggestion.title,
          titleHighlighted: suggestion.titleHighlighted,
          url: productPath(suggestion.slug),
          imageUrl: suggestion.imageUrl,
          price: formatMoney(suggestion.priceMinCents, suggestion.currency),
          priceMinCents: suggestion.priceMinCents,
          currency: suggestion.currency,
        })),
      },
      { status: 200, headers: { "Cache-Control": CACHE_CONTROL } },
    );
  } catch (error) {
    // Both stores down: the box shows nothing rather than an error; never cache that answer.
    console.error("suggest: failed", error);
    return NextResponse.json(
      { degraded: true, suggestions: [] },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
