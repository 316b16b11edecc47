// The dashboard's search card: is Meilisearch reachable, does the index hold one document per active
// product, and is the outbox draining (lib/search/health.ts does the outbox part).
//
// The web server only holds a search-only key (scripts/start.ts keeps the master key in the worker), and
// that key may not read index stats. So without an admin key the document count comes from a search:
// an empty query with a facet on `status` (every document has it) — facet counts cover every document,
// unlike hit counts, which Meilisearch caps at pagination.maxTotalHits. Reachability is /health.
import type { Db } from "@/lib/db";
import { ProductStatus } from "@/lib/generated/prisma/enums";
import { createAdminEngine, searchEngine, type SearchEngine } from "@/lib/search/client";
import { readSearchConfig } from "@/lib/search/config";
import { readSearchHealth, type SearchHealth } from "@/lib/search/health";

export interface DashboardSearchHealth extends SearchHealth {
  configured: boolean;
  activeProducts: number;
  /** Reachable, documents = active products, nothing pending for over a minute, nothing failed. */
  inSync: boolean;
}

export interface SearchHealthDeps {
  /** An engine with the admin key (index stats), or null. */
  admin: SearchEngine | null;
  /** The search-only engine, used when there is no admin engine. */
  search: (() => Promise<SearchEngine>) | null;
}

/** The engines this process can use: admin key when it has one (scripts, tests), else the search key. */
export function defaultSearchHealthDeps(): SearchHealthDeps {
  const config = readSearchConfig();
  if (!config) return { admin: null, search: null };
  if (config.adminKey) return { admin: createAdminEngine(config), search: null };
  return { admin: null, search: searchEngine };
}

async function probeWithSearchKey(getEngine: () => Promise<SearchEngine>) {
  try {
    const engine = await getEngine();
    await engine.client.health();
    const result = await engine.client.index(engine.indexName).search("", { limit: 0, facets: ["status"] });
    const counts = result.facetDistribution?.status ?? {};
    const documents = Object.values(counts).reduce((sum, count) => sum + count, 0);
    return { engineReachable: true, engineError: null, documents };
  } catch (error) {
    return {
      engineReachable: false,
      engineError: error instanceof Error ? error.message : String(error),
      documents: null,
    };
  }
}

export async function dashboardSearchHealth(
  db: Db,
  deps: SearchHealthDeps = defaultSearchHealthDeps(),
  now: Date = new Date(),
): Promise<DashboardSearchHealth> {
  const [health, probe, activeProducts] = await Promise.all([
    readSearchHealth(db, deps.admin, now),
    !deps.admin && deps.search ? probeWithSearchKey(deps.search) : Promise.resolve(null),
    db.product.count({ where: { status: ProductStatus.ACTIVE } }),
  ]);
  const merged: SearchHealth = probe ? { ...health, ...probe } : health;
  const configured = deps.admin !== null || deps.search !== null;
  const inSync =
    merged.engineReachable &&
    merged.documents === activeProducts &&
    merged.outbox.failed === 0 &&
    (merged.outbox.oldestPendingAgeSeconds ?? 0) < 60;
  return { ...merged, configured, activeProducts, inSync };
}
