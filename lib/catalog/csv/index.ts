export { exportHeader, FIXED_COLUMNS, REQUIRED_COLUMNS, STOCK_PREFIX } from "./columns";
export {
  exportProductsCsv,
  listStockLocations,
  productsExportFileName,
  type ProductsExportOptions,
  type StockLocation,
} from "./export";
export {
  importProductsCsv,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  MAX_REPORTED_ERRORS,
  type ImportOptions,
  type ImportReport,
  type ImportView,
} from "./import";
export type { ImportCounts } from "./planning";
export type { RowError } from "./rows";
