// Reading CSV (RFC 4180) with csv-parse, configured to accept what spreadsheets write and to refuse what
// is ambiguous, with positions a seller can find in the file.
//
// What it accepts:
//   - fields separated by commas, records by CRLF, LF or a lone CR (Excel on old Macs), mixed in one file;
//   - quoted fields ("..."), with "" for a quote inside, and commas, CR and LF inside;
//   - a UTF-8 byte order mark at the start (Excel adds one), which is dropped;
//   - a final line break or none; a blank line in the middle is a record with one empty field;
//   - records of different widths (the caller reports a row with the wrong number of cells by row number).
// What it refuses, with the line and field where it happened: a quote inside an unquoted field
// (`12" record` must be written `"12"" record"`), text after a closing quote, and an unterminated
// quoted field. Guessing at broken input would put data in the wrong column without anyone noticing.
import { CsvError, parse, type Options } from "csv-parse/sync";

export class CsvParseError extends Error {
  readonly line: number;
  /** 1-based record number (the header is record 1), as a spreadsheet numbers rows. */
  readonly record: number;
  /** 1-based field number within the record. */
  readonly field: number;

  constructor(message: string, position: { line: number; record: number; field: number }) {
    super(message);
    this.name = "CsvParseError";
    this.line = position.line;
    this.record = position.record;
    this.field = position.field;
  }
}

export interface CsvParseOptions {
  /** Stop with an error once more than this many records (header included) are read. */
  maxRecords?: number;
  /** Refuse a record longer than this many characters (a runaway quote would swallow the rest of the file). */
  maxRecordLength?: number;
}

const BASE_OPTIONS = {
  bom: true,
  // Explicit, so one file may mix them; csv-parse otherwise keeps the first kind it meets.
  record_delimiter: ["\r\n", "\n", "\r"],
  relax_column_count: true,
} satisfies Options;

const count = (value: number) => value.toLocaleString("en-US");

/** Our message for each way csv-parse refuses a file; `startLine` is where the failing record starts. */
function describe(error: CsvError, startLine: number, maxRecordLength: number): CsvParseError {
  const line = typeof error.lines === "number" ? error.lines : startLine;
  const position = {
    line,
    record: (typeof error.records === "number" ? error.records : 0) + 1,
    field: (typeof error.index === "number" ? error.index : 0) + 1,
  };
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return new CsvParseError(
        `The row that starts on line ${startLine} has a quoted field that is never closed (a missing closing quote).`,
        { ...position, line: startLine },
      );
    case "INVALID_OPENING_QUOTE":
      return new CsvParseError(
        `Line ${line}: a double quote inside an unquoted field. Put the whole field in quotes and double the quote ("12"" record").`,
        position,
      );
    case "CSV_INVALID_CLOSING_QUOTE":
      return new CsvParseError(
        `Line ${line}: unexpected text after a closing quote; a field is either quoted as a whole or not at all.`,
        position,
      );
    case "CSV_MAX_RECORD_SIZE":
      return new CsvParseError(`Line ${line}: a row is longer than ${count(maxRecordLength)} characters.`, position);
    default:
      return new CsvParseError(`Line ${line}: ${error.message}`, position);
  }
}

/** Parses CSV text into records of fields (strings, never trimmed). Throws CsvParseError. */
export function parseCsv(input: string, options: CsvParseOptions = {}): string[][] {
  const maxRecords = options.maxRecords ?? 0;
  const maxRecordLength = options.maxRecordLength ?? 0;
  // The line the last complete record ended on: an unclosed quote is reported where its record starts,
  // not at the end of the file where the parser noticed it.
  let lastRecordLine = 0;
  let records: string[][];
  try {
    records = parse(input, {
      ...BASE_OPTIONS,
      max_record_size: maxRecordLength, // 0: no limit
      // One record more than allowed, so "too many" is detected without reading the rest of the file.
      to: maxRecords > 0 ? maxRecords + 1 : -1,
      on_record: (record: string[], context) => {
        lastRecordLine = context.lines;
        return record;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) throw describe(error, lastRecordLine + 1, maxRecordLength);
    throw error;
  }
  if (maxRecords > 0 && records.length > maxRecords) {
    throw new CsvParseError(`The file has more than ${count(maxRecords)} rows.`, {
      line: lastRecordLine,
      record: records.length,
      field: 1,
    });
  }
  return records;
}
