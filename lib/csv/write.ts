// Writing CSV (RFC 4180): fields are quoted when they contain a comma, a quote, CR or LF (or start or end
// with a space, which some readers trim), quotes are doubled, and records end with CRLF.
//
// Formula injection guard: a spreadsheet treats a cell that starts with = + - @ (and, in some, a tab or
// CR) as a formula, so a product title like `=HYPERLINK("http://evil","Click")` in an export could run
// when a seller opens the file. Text cells starting with one of those characters are written with a
// leading single quote ('=...), which spreadsheets show as text and hide. Exceptions, so exports stay
// usable for numbers: numbers passed as numbers, and text that is entirely a plain decimal number
// ("-12.50" is a value, never a formula). Text already starting with quotes before such a character
// gets one more, so `unguardFormula` (used by imports) restores every value exactly.

export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** The text a spreadsheet shows as-is: a leading ' before anything it would run as a formula. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** The inverse of guardFormula, for importing a file we (or a spreadsheet) wrote. */
export function unguardFormula(text: string): string {
  return GUARDED.test(text) ? text.slice(1) : text;
}

/** One field, quoted when needed. Strings go through the formula guard; numbers are written as is. */
export function formatCsvField(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`Cannot write ${value} to CSV`);
    return String(value);
  }
  const text = guardFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, with its CRLF. */
export function toCsvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(formatCsvField).join(",")}\r\n`;
}

/** A whole file (small exports and tests; large ones stream toCsvLine). */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map(toCsvLine).join("");
}
