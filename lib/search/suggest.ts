// Instant suggestions for the header search box: a handful of matching products, from Meilisearch
// (typo-tolerant prefix search) or, when it is down, from PostgreSQL.
import type { Db } from "@/lib/db";
import type { SearchEngine } from "./client";
import type { ProductSearchDocument } from "./document";
import { suggestInPostgres } from "./fallback";
import { HIGHLIGHT_POST, HIGHLIGHT_PRE, highlightWords, splitHighlight } from "./highlight";
import { normaliseQuery } from "./params";
import type { SearchSuggestion } from "./types";

export const SUGGESTION_LIMIT = 6;
/** Below this many characters there is nothing useful to suggest. */
export const MIN_SUGGEST_LENGTH = 2;

type SuggestDocument = Pick<ProductSearchDocument, "id" | "slug" | "title" | "imageUrl" | "priceMinCents" | "currency">;

export async function suggestProducts(
  rawQuery: string,
  deps: { db: Db; engine: () => Promise<SearchEngine> },
  limit = SUGGESTION_LIMIT,
): Promise<{ suggestions: SearchSuggestion[]; degraded: boolean }> {
  const q = normaliseQuery(rawQuery);
  if (Array.from(q).length < MIN_SUGGEST_LENGTH) return { suggestions: [], degraded: false };
  try {
    const engine = await deps.engine();
    const response = await engine.client.index<SuggestDocument>(engine.indexName).search(q, {
      limit,
      attributesToRetrieve: ["id", "slug", "title", "imageUrl", "priceMinCents", "currency"],
      attributesToHighlight: ["title"],
      highlightPreTag: HIGHLIGHT_PRE,
      highlightPostTag: HIGHLIGHT_POST,
    });
    return {
      degraded: false,
      suggestions: response.hits.map((hit) => ({
        id: hit.id,
        slug: hit.slug,
        title: hit.title,
        titleHighlighted: splitHighlight(
          typeof hit._formatted?.title === "string" ? hit._formatted.title : undefined,
          hit.title,
        ),
        imageUrl: hit.imageUrl,
        priceMinCents: hit.priceMinCents,
        currency: hit.currency,
      })),
    };
  } catch {
    const rows = await suggestInPostgres(deps.db, q, limit);
    return {
      degraded: true,
      suggestions: rows.map((row) => ({
        id: row.id,
        slug: row.slug,
        title: row.title,
        titleHighlighted: highlightWords(row.title, q),
        imageUrl: row.images[0]?.url ?? null,
        priceMinCents: row.priceMinCents,
        currency: row.currency,
      })),
    };
  }
}
