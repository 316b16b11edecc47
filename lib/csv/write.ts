// Writing CSV (RFC 4180) with csv-stringify: fields are quoted when they contain a comma, a quote, CR or LF
// (or start or end with a space, which some readers trim), quotes are doubled, and records end with CRLF.
//
// Formula injection guard: a spreadsheet treats a cell that starts with = + - @ (and, in some, a tab or
// CR) as a formula, so a product title like `=HYPERLINK("http://evil","Click")` in an export could run
// when a seller opens the file. Text cells starting with one of those characters (or their full-width
// forms, which Apple Numbers reads as the same) are written with a leading single quote ('=...), which
// spreadsheets show as text and hide. Exceptions, so exports stay usable for numbers: numbers passed as
// numbers, and text that is entirely a plain decimal number ("-12.50" is a value, never a formula). Text
// already starting with quotes before such a character gets one more, so `unguardFormula` (used by
// imports) restores every value exactly. csv-stringify's own `escape_formulas` does neither of those
// two things, so the guard is ours and runs as its string cast.
import { stringify, type Options } from "csv-stringify/sync";

export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^'*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const GUARDED = /^'+[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/** The text a spreadsheet shows as-is: a leading ' before anything it would run as a formula. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** The inverse of guardFormula, for importing a file we (or a spreadsheet) wrote. */
export function unguardFormula(text: string): string {
  return GUARDED.test(text) ? text.slice(1) : text;
}

const OPTIONS = {
  record_delimiter: "windows",
  // Also quote a lone CR or LF inside a field (with a CRLF record delimiter csv-stringify would not).
  quote_record_delimiter: true,
  quoted_match: /^\s|\s$/,
  cast: {
    string: guardFormula,
    number: (value: number) => {
      if (!Number.isFinite(value)) throw new TypeError(`Cannot write ${value} to CSV`);
      return String(value);
    },
  },
} satisfies Options;

/** One record, with its CRLF. */
export function toCsvLine(cells: readonly CsvCell[]): string {
  return stringify([cells], OPTIONS);
}

/** A whole file (small exports and tests; large ones stream toCsvLine). */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(rows as CsvCell[][], OPTIONS);
}

/** One field, quoted when needed. Strings go through the formula guard; numbers are written as is. */
export function formatCsvField(value: CsvCell): string {
  return toCsvLine([value]).slice(0, -2);
}
