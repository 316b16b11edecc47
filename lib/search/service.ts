// Search with the app's own wiring (the shared Prisma client, the process's search-only engine), for
// pages and route handlers. Server only: it reads env configuration and talks to both stores.
import "server-only";
import { prisma } from "@/lib/db";
import { searchEngine } from "./client";
import type { SearchRequest } from "./params";
import { searchProducts, type SearchOptions } from "./query";
import { suggestProducts } from "./suggest";
import type { SearchResult, SearchSuggestion } from "./types";
import { cachedSearchVocabulary, type SearchVocabulary } from "./vocabulary";

const deps = { db: prisma, engine: searchEngine };

export function searchCatalog(request: SearchRequest, options: SearchOptions = {}): Promise<SearchResult> {
  return searchProducts(request, deps, options);
}

export function suggestCatalog(q: string): Promise<{ suggestions: SearchSuggestion[]; degraded: boolean }> {
  return suggestProducts(q, deps);
}

export function searchVocabulary(): Promise<SearchVocabulary> {
  return cachedSearchVocabulary(prisma);
}
