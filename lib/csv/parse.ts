// A small RFC 4180 CSV reader. Dependency-free on purpose: the format is a page of rules, and we need
// exact control over its edge cases (row numbers for error messages, limits that stop early on a huge
// file) more than we need a library's options.
//
// What it accepts:
//   - fields separated by commas, records by CRLF, LF or a lone CR (Excel on old Macs);
//   - quoted fields ("..."), with "" for a quote inside, and commas, CR and LF inside;
//   - a UTF-8 byte order mark at the start (Excel adds one), which is dropped;
//   - a final line break or none; a blank line in the middle is a record with one empty field.
// What it refuses, with the line and field where it happened: a quote inside an unquoted field
// (`12" record` must be written `"12"" record"`), text after a closing quote, and an unterminated
// quoted field. Guessing at broken input would put data in the wrong column without anyone noticing.

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
  /** Refuse a single field longer than this (a runaway quote swallows the rest of the file). */
  maxFieldLength?: number;
}

// Everything up to the next delimiter, line break or quote, in one regex step instead of a char loop.
const UNQUOTED = /[^,\r\n"]*/y;

function countNewlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) count++;
  // A lone CR is a line break too; CRLF was already counted by its LF.
  for (let index = text.indexOf("\r"); index !== -1; index = text.indexOf("\r", index + 1)) {
    if (text[index + 1] !== "\n") count++;
  }
  return count;
}

/** Parses CSV text into records of fields (strings, never trimmed). Throws CsvParseError. */
export function parseCsv(input: string, options: CsvParseOptions = {}): string[][] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const maxRecords = options.maxRecords ?? Number.POSITIVE_INFINITY;
  const maxFieldLength = options.maxFieldLength ?? Number.POSITIVE_INFINITY;
  const records: string[][] = [];
  const length = text.length;
  if (length === 0) return records;

  let pos = 0;
  let line = 1;
  let record: string[] = [];
  const where = () => ({ line, record: records.length + 1, field: record.length + 1 });

  for (;;) {
    let value: string;
    if (text.charCodeAt(pos) === 34 /* " */) {
      const startLine = line;
      let start = pos + 1;
      value = "";
      for (;;) {
        const quote = text.indexOf('"', start);
        if (quote === -1) {
          throw new CsvParseError(
            `A quoted field that starts on line ${startLine} is never closed (a missing closing quote).`,
            {
              ...where(),
              line: startLine,
            },
          );
        }
        value += text.slice(start, quote);
        if (text.charCodeAt(quote + 1) === 34) {
          value += '"';
          start = quote + 2;
          continue;
        }
        pos = quote + 1;
        break;
      }
      line += countNewlines(value);
      const next = text.charCodeAt(pos);
      if (pos < length && next !== 44 /* , */ && next !== 10 /* \n */ && next !== 13 /* \r */) {
        throw new CsvParseError(
          `Line ${line}: unexpected text after a closing quote; a field is either quoted as a whole or not at all.`,
          where(),
        );
      }
    } else {
      UNQUOTED.lastIndex = pos;
      UNQUOTED.test(text);
      const end = UNQUOTED.lastIndex;
      value = text.slice(pos, end);
      pos = end;
      if (text.charCodeAt(pos) === 34) {
        throw new CsvParseError(
          `Line ${line}: a double quote inside an unquoted field. Put the whole field in quotes and double the quote ("12"" record").`,
          where(),
        );
      }
    }
    if (value.length > maxFieldLength) {
      throw new CsvParseError(
        `Line ${line}: a field is longer than ${maxFieldLength.toLocaleString("en-US")} characters.`,
        where(),
      );
    }
    record.push(value);

    if (pos >= length) {
      records.push(record);
      break;
    }
    const delimiter = text.charCodeAt(pos);
    if (delimiter === 44) {
      pos++;
      continue;
    }
    // A line break ends the record: CRLF, LF or a lone CR.
    pos += delimiter === 13 && text.charCodeAt(pos + 1) === 10 ? 2 : 1;
    line++;
    records.push(record);
    record = [];
    if (records.length > maxRecords) {
      throw new CsvParseError(`The file has more than ${maxRecords.toLocaleString("en-US")} rows.`, {
        line,
        record: records.length,
        field: 1,
      });
    }
    // A line break at the very end closes the last record; it does not start an empty one.
    if (pos >= length) break;
  }
  if (records.length > maxRecords) {
    throw new CsvParseError(`The file has more than ${maxRecords.toLocaleString("en-US")} rows.`, {
      line,
      record: records.length,
      field: 1,
    });
  }
  return records;
}
