// Products CSV import: parse -> validate every row -> check against the database -> write everything in
// one transaction, or nothing at all when any row has a problem. `dryRun` stops before writing and
// reports what would change. Callers (the admin's server action, tests) get a report, never an
// exception, for anything wrong with the file; only outages throw.
import type { Db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { currentRole, staffChangeLimits, writeStaffRefusal } from "@/lib/auth/staff-limits";
import { isUserError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db/transaction";
import { CsvParseError, parseCsv } from "@/lib/csv/parse";
import { applyImport } from "./apply";
import { FIXED_COLUMNS, readHeader } from "./columns";
import { planImport } from "./plan";
import type { ImportCounts } from "./planning";
import { groupRows, parseRows, type RowError } from "./rows";

/** 5 MB: about 20,000 rows with long descriptions. Larger catalogs import in several files. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Product rows (variants) per file, header not counted. */
export const MAX_IMPORT_ROWS = 20_000;
/** Errors listed in a report (the count says how many there were in all). */
export const MAX_REPORTED_ERRORS = 500;

export type ImportReport =
  | {
      ok: true;
      dryRun: boolean;
      /** Whether anything was written (false for a dry run and for a file that changes nothing). */
      written: boolean;
      counts: ImportCounts;
      /** Handles of the products created or changed (for cache invalidation and the success message). */
      touchedHandles: string[];
      auditId: string | null;
    }
  | { ok: false; errorCount: number; errors: RowError[] };

export interface ImportOptions {
  /** The importing user; their role decides the price-change limit. null: a script run on the server, not limited. */
  actorId: string | null;
  dryRun?: boolean;
  fileName?: string;
  now?: Date;
}

function columnOrder(column: string): number {
  const index = (FIXED_COLUMNS as readonly string[]).indexOf(column);
  return index === -1 ? FIXED_COLUMNS.length : index;
}

function invalid(errors: RowError[]): ImportReport {
  const sorted = [...errors].sort(
    (a, b) => a.row - b.row || columnOrder(a.column) - columnOrder(b.column) || a.column.localeCompare(b.column),
  );
  return { ok: false, errorCount: sorted.length, errors: sorted.slice(0, MAX_REPORTED_ERRORS) };
}

export async function importProductsCsv(db: Db, text: string, options: ImportOptions): Promise<ImportReport> {
  const now = options.now ?? new Date();
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_IMPORT_BYTES) {
    return invalid([
      {
        row: 0,
        column: "",
        message: `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into several files.`,
      },
    ]);
  }

  let records: string[][];
  try {
    // +1 for the header, +1 so "one row too many" is detected rather than cut off.
    records = parseCsv(text, { maxRecords: MAX_IMPORT_ROWS + 1, maxRecordLength: 100_000 });
  } catch (error) {
    if (!(error instanceof CsvParseError)) throw error;
    const message = /more than .* rows/.test(error.message)
      ? `The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en-US")} product rows; split it into several files.`
      : error.message;
    return invalid([{ row: error.record, column: "", message }]);
  }
  const header = records[0];
  if (!header || (header.length === 1 && header[0]!.trim() === "")) {
    return invalid([
      { row: 1, column: "", message: "The file is empty: it needs a header row and at least one product row." },
    ]);
  }

  const { layout, problems } = readHeader(header);
  if (problems.length > 0) return invalid(problems.map((problem) => ({ row: 1, ...problem })));

  const { rows, errors: rowErrors } = parseRows(records, layout);
  if (rows.length === 0 && rowErrors.length === 0) {
    return invalid([{ row: 2, column: "", message: "The file has a header row but no product rows." }]);
  }
  const { groups, errors: groupErrors } = groupRows(rows);
  const role = options.actorId ? await currentRole(db, options.actorId) : null;
  const limited = options.actorId !== null && role !== "ADMIN";
  // Database checks run even when rows already failed, so one upload lists every problem it can.
  const {
    plan,
    errors: planErrors,
    refusedPriceChanges,
  } = await planImport(db, groups, {
    locationCodes: [...layout.stock.keys()],
    currencyGiven: layout.fixed.currency !== undefined,
    now,
    priceChangeLimits: limited ? staffChangeLimits() : null,
  });
  const errors = [...rowErrors, ...groupErrors, ...planErrors];
  // A real import refused for its price changes is audited (a dry run only previews).
  if (refusedPriceChanges.length > 0 && !options.dryRun && options.actorId) {
    await writeStaffRefusal(db, {
      actorId: options.actorId,
      role,
      action: "product.import",
      entityType: "ProductImport",
      entityId: newId(),
      data: { fileName: options.fileName ?? null, priceChanges: refusedPriceChanges.slice(0, 100) },
    });
  }
  if (errors.length > 0 || !plan) return invalid(errors);

  const touchedHandles = [...plan.touched.values()];
  if (options.dryRun || plan.touched.size === 0) {
    return {
      ok: true,
      dryRun: Boolean(options.dryRun),
      written: false,
      counts: plan.counts,
      touchedHandles,
      auditId: null,
    };
  }
  try {
    const auditId = await applyImport(db, plan, { actorId: options.actorId, now, fileName: options.fileName });
    return { ok: true, dryRun: false, written: true, counts: plan.counts, touchedHandles, auditId };
  } catch (error) {
    if (isUserError(error)) return invalid([{ row: 0, column: "", message: error.message }]);
    // A handle or SKU taken by someone else between validation and writing.
    if (isUniqueViolation(error)) {
      return invalid([
        {
          row: 0,
          column: "",
          message:
            "A product handle or SKU in the file was taken by another change while importing. Nothing was imported; please run the import again.",
        },
      ]);
    }
    throw error;
  }
}

/** What the admin's import form shows: the request's mode and file, and the report. */
export interface ImportView {
  mode: "validate" | "import";
  fileName: string;
  report: ImportReport;
}
