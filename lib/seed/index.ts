// Seeding: the demo store (`seedDemoCatalog`, run by `npm start` on an empty database and by
// `npm run seed`) and a large synthetic catalog for benchmarks (`seedSyntheticCatalog`).
export { seedDemoCatalog, type SeedDemoOptions, type SeedDemoResult } from "./demo";
export {
  MAX_SYNTHETIC_PRODUCTS,
  seedSyntheticCatalog,
  type SeedSyntheticOptions,
  type SeedSyntheticResult,
  type SyntheticProgress,
} from "./synthetic";
export { generateDemoCatalog, productSummary, DEMO_SEED, type DemoCatalogPlan } from "./generate";
export { LOCATIONS, SHIPPING_RATES, TAX_RATES, DEMO_COUPONS, seedStoreConfiguration } from "./store-config";
export { createProgressBar, formatDuration } from "./progress";
