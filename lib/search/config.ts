// Search configuration from the environment. MEILI_MASTER_KEY (or MEILI_API_KEY, as the issue names it
// for an existing server) is the admin key used only for indexing and settings; shoppers' searches use
// MEILI_SEARCH_KEY, a search-only key (fetched from the server at start-up when unset).
export interface SearchConfig {
  host: string;
  adminKey: string | undefined;
  searchKey: string | undefined;
  indexName: string;
}

const INDEX_NAME_PATTERN = /^[A-Za-z0-9_-]{1,200}$/;

export function readSearchConfig(env: NodeJS.ProcessEnv = process.env): SearchConfig | null {
  const host = env.MEILI_HOST?.trim();
  if (!host) return null;
  const indexName = env.MEILI_INDEX?.trim() || "products";
  if (!INDEX_NAME_PATTERN.test(indexName))
    throw new Error(`MEILI_INDEX "${indexName}" is not a valid Meilisearch index uid`);
  return {
    host,
    adminKey: env.MEILI_MASTER_KEY || env.MEILI_API_KEY || undefined,
    searchKey: env.MEILI_SEARCH_KEY || undefined,
    indexName,
  };
}
