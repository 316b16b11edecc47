// The process's shared cache handler, reachable from route code: Next loads the handler through its own
// import (lib/cache/next-cache-handler.mjs), so the module instances differ and a global symbol joins them.
import type { SharedCacheHandler } from "./shared-cache";

export const HANDLER = Symbol.for("storefront.sharedCacheHandler");
export const registry = globalThis as { [HANDLER]?: SharedCacheHandler };

/** This process's handler, when Next has loaded it (the readiness route reports its counters). */
export function currentCacheHandler(): SharedCacheHandler | undefined {
  return registry[HANDLER];
}
