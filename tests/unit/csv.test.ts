import { describe, expect, it } from "vitest";
import { CsvParseError, formatCsvField, guardFormula, parseCsv, toCsv, toCsvLine, unguardFormula } from "@/lib/csv";
import { readHeader } from "@/lib/catalog/csv/columns";
import { divideRoundHalfUp } from "@/lib/reports/sales";
import { addDays, lastDays, localDate } from "@/lib/reports/period";
import { ordersExportQuery } from "@/lib/reports/orders-export";

function parseError(text: string, options = {}): CsvParseError {
  try {
    parseCsv(text, options);
  } catch (error) {
    if (error instanceof CsvParseError) return error;
    throw error;
  }
  throw new Error("expected a CsvParseError");
}

describe("parseCsv", () => {
  it("reads plain fields, CRLF, LF and lone CR line breaks", () => {
    expect(parseCsv("a,b,c\r\n1,2,3\r\n")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
    expect(parseCsv("a,b\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv("a,b\r1,2\r")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv("a,b\r\n1,2\n3,4\r5,6")).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
      ["5", "6"],
    ]);
  });

  it("handles quotes, escaped quotes, commas and embedded newlines", () => {
    const text = 'title,description\r\n"Tee, soft","He said ""hi""\r\nand left"\r\n"",x\r\n';
    expect(parseCsv(text)).toEqual([
      ["title", "description"],
      ["Tee, soft", 'He said "hi"\r\nand left'],
      ["", "x"],
    ]);
    expect(parseCsv('"a\nb"')).toEqual([["a\nb"]]);
    expect(parseCsv('""""')).toEqual([['"']]);
  });

  it("drops a UTF-8 BOM and keeps non-ASCII text", () => {
    expect(parseCsv("\uFEFFhandle,title\nété,Ünïcødé ✓")).toEqual([
      ["handle", "title"],
      ["été", "Ünïcødé ✓"],
    ]);
  });

  it("keeps empty fields, blank lines and spaces exactly", () => {
    expect(parseCsv(",,\n")).toEqual([["", "", ""]]);
    expect(parseCsv("a\n\nb\n")).toEqual([["a"], [""], ["b"]]);
    expect(parseCsv(" a , b ")).toEqual([[" a ", " b "]]);
    expect(parseCsv("")).toEqual([]);
    expect(parseCsv("a,")).toEqual([["a", ""]]);
  });

  it("refuses an unterminated quote, naming the line it started on", () => {
    const error = parseError('a,b\n1,"never closed\n2,3\n');
    expect(error.line).toBe(2);
    expect(error.record).toBe(2);
    expect(error.message).toMatch(/never closed/);
  });

  it("refuses a quote inside an unquoted field and text after a closing quote", () => {
    expect(parseError('a,b\n12" record,x').message).toMatch(/double quote inside an unquoted field/);
    const after = parseError('a,b\n"x"y,z');
    expect(after.message).toMatch(/after a closing quote/);
    expect(after.record).toBe(2);
    expect(after.field).toBe(1);
  });

  it("counts lines through embedded newlines for later errors", () => {
    const error = parseError('a\n"one\ntwo\nthree"\n"bad"x');
    expect(error.line).toBe(5);
    expect(error.record).toBe(3);
  });

  it("stops at maxRecords and maxRecordLength", () => {
    expect(parseError("h\n1\n2\n3\n", { maxRecords: 3 }).message).toMatch(/more than 3 rows/);
    expect(parseCsv("h\n1\n2\n", { maxRecords: 3 })).toHaveLength(3);
    expect(parseError(`"${"x".repeat(20)}"`, { maxRecordLength: 10 }).message).toMatch(/longer than 10/);
    // The limit is per record (csv-parse's max_record_size): short fields that add up count too.
    expect(parseError(`h\n${"x".repeat(6)},${"y".repeat(6)}`, { maxRecordLength: 10 }).record).toBe(2);
  });

  it("returns records of different widths for the caller to report by row", () => {
    expect(parseCsv("a,b\n1,2,3\n4\n")).toEqual([["a", "b"], ["1", "2", "3"], ["4"]]);
  });
});

describe("CSV writer", () => {
  it("quotes only when needed and doubles quotes", () => {
    expect(formatCsvField("plain")).toBe("plain");
    expect(formatCsvField("a,b")).toBe('"a,b"');
    expect(formatCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(formatCsvField("two\nlines")).toBe('"two\nlines"');
    expect(formatCsvField(" padded")).toBe('" padded"');
    expect(formatCsvField(null)).toBe("");
    expect(formatCsvField(undefined)).toBe("");
    expect(formatCsvField(42)).toBe("42");
    expect(toCsvLine(["a", 1, null])).toBe("a,1,\r\n");
  });

  it("guards text cells that a spreadsheet would run as formulas", () => {
    expect(formatCsvField('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(formatCsvField("+1+2")).toBe("'+1+2");
    expect(formatCsvField("-2+3")).toBe("'-2+3");
    expect(formatCsvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(formatCsvField("\tcmd")).toBe("'\tcmd");
    // Plain numbers are values, not formulas, and numbers passed as numbers are never touched.
    expect(formatCsvField("-12.50")).toBe("-12.50");
    expect(formatCsvField(-5)).toBe("-5");
    expect(formatCsvField("a=b")).toBe("a=b");
    // Full-width forms, which Apple Numbers reads as = + - @.
    expect(formatCsvField("\uFF1DSUM(A1)")).toBe("'\uFF1DSUM(A1)");
    expect(formatCsvField("\uFF20x")).toBe("'\uFF20x");
  });

  it("guard and unguard are exact inverses, including values that already start with a quote", () => {
    for (const value of [
      "=1+1",
      "'=1+1",
      "''@x",
      "'plain",
      "plain",
      "-3",
      "-x",
      "",
      "'",
      "+",
      "@",
      "\uFF1D1",
      "'\uFF0B",
    ]) {
      expect(unguardFormula(guardFormula(value))).toBe(value);
    }
    expect(guardFormula("'=x")).toBe("''=x");
    expect(unguardFormula("'plain")).toBe("'plain");
  });

  it("round-trips arbitrary text through writer and parser", () => {
    const rows = [
      ["handle", "title", "description"],
      ["a", 'Quote " and, comma', "multi\r\nline\nand\rcr"],
      ["b", "", "  spaced  "],
      ["c", "ünï ✓", '"'],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});

describe("products CSV header", () => {
  it("accepts any order and case, and stock columns per location", () => {
    const { layout, problems } = readHeader([
      "SKU",
      "Handle",
      "title",
      "category",
      "price",
      "stock:WH-1",
      "Stock:wh-2",
    ]);
    expect(problems).toEqual([]);
    expect(layout.fixed).toMatchObject({ sku: 0, handle: 1, title: 2, category: 3, price: 4 });
    expect([...layout.stock.keys()]).toEqual(["WH-1", "wh-2"]);
  });

  it("lists missing, unknown, duplicate and unnamed columns", () => {
    const { problems } = readHeader(["handle", "titel", "sku", "sku", "", "stock:", "option1_name"]);
    const messages = problems.map((problem) => problem.message).join("\n");
    expect(messages).toMatch(/Unknown column: "titel"/);
    expect(messages).toMatch(/Missing required columns: title, category, price/);
    expect(messages).toMatch(/"sku" appears twice/);
    expect(messages).toMatch(/Column 5 has no name/);
    expect(messages).toMatch(/needs a location code/);
    expect(messages).toMatch(/add the "option1_value" column/);
  });
});

describe("report arithmetic", () => {
  it("rounds averages half up in exact integer arithmetic", () => {
    expect(divideRoundHalfUp(10, 4)).toBe(3); // 2.5 -> 3
    expect(divideRoundHalfUp(10, 3)).toBe(3); // 3.33 -> 3
    expect(divideRoundHalfUp(11, 3)).toBe(4); // 3.67 -> 4
    expect(divideRoundHalfUp(0, 0)).toBe(0);
    expect(divideRoundHalfUp(Number.MAX_SAFE_INTEGER, 2)).toBe(4503599627370496);
  });

  it("counts calendar days in the store time zone", () => {
    const now = new Date("2026-03-29T23:30:00Z");
    expect(localDate(now, "UTC")).toBe("2026-03-29");
    expect(localDate(now, "Europe/Paris")).toBe("2026-03-30");
    expect(lastDays(now, 30, "UTC")).toEqual({ firstDay: "2026-02-28", lastDay: "2026-03-29" });
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
  });

  it("validates export date ranges", () => {
    expect(ordersExportQuery.safeParse({ from: "2026-01-01", to: "2026-01-31" }).success).toBe(true);
    for (const [bad, field, message] of [
      [{ from: "2026-02-30", to: "2026-03-01" }, "from", "The start date is not a real date."],
      [{ from: "yesterday", to: "2026-03-01" }, "from", "The start date must look like 2026-01-31."],
      [{ from: "2026-03-02", to: "2026-03-01" }, "to", "The start date must be on or before the end date."],
      [{ from: "2020-01-01", to: "2026-01-01" }, "to", "Export at most 366 days at a time."],
      [{ to: "2026-01-01" }, "from", "Choose the start date."],
      [{ from: ["2026-01-01"], to: "2026-01-02" }, "from", "Choose the start date."],
    ] as const) {
      const parsed = ordersExportQuery.safeParse(bad);
      expect(parsed.success, JSON.stringify(bad)).toBe(false);
      expect(parsed.error?.issues[0], JSON.stringify(bad)).toMatchObject({ path: [field], message });
    }
  });
});
