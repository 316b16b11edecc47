export { CsvParseError, parseCsv, type CsvParseOptions } from "./parse";
export { formatCsvField, guardFormula, toCsv, toCsvLine, unguardFormula, type CsvCell } from "./write";
export { csvResponse, csvStream } from "./response";
