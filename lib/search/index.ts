// Search's public surface for scripts, the worker and other domains. Pages use ./service (server-only)
// and ./params; this barrel stays free of Next-only imports so plain Node (tsx) can load it.
export { createAdminEngine, resolveSearchKey, searchEngine, type SearchEngine } from "./client";
export { readSearchConfig, type SearchConfig } from "./config";
export { readSearchHealth, type SearchHealth } from "./health";
export { parseSearchParams, type SearchRequest } from "./params";
export { searchProducts, type SearchDeps, type SearchOptions } from "./query";
export { ensureSearchIndex, reindexAll, type ReindexResult } from "./reindex";
export { connectMeilisearch, type MeilisearchConnection } from "./runtime";
export { searchOutboxHandlers } from "./sync";
export type { FacetGroup, SearchHit, SearchResult, SearchSuggestion } from "./types";
