// Limits of the product form, shared by the server's schemas and the browser's grid (no imports, so the
// client bundle does not pull in zod for two numbers).
export const MAX_OPTIONS = 3;
export const MAX_VARIANTS = 100;
export const MAX_STOCK = 1_000_000;
export const MAX_WEIGHT_GRAMS = 1_000_000;
export const MAX_TAGS = 20;
export const DEFAULT_LOW_STOCK_THRESHOLD = 5;
