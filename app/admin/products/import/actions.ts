"use server";

// Products CSV import: authorize, check the upload (a CSV file, not empty, at most 5 MB, UTF-8 text), then
// lib/reports/products-csv validates every row and writes all of them in one transaction or none.
// "validate" runs the same checks and writes nothing (a dry run).
import { revalidatePath, revalidateTag } from "next/cache";
import { z } from "zod";
import { failure, invalidInput, ok, type ActionResult } from "@/lib/actions/result";
import { authorizeAdminAction } from "@/lib/auth/guard";
import { TAGS } from "@/lib/catalog/tags";
import { prisma } from "@/lib/db";
import { importProductsCsv, MAX_IMPORT_BYTES, type ImportReport } from "@/lib/reports/products-csv";

export interface ImportView {
  mode: "validate" | "import";
  fileName: string;
  report: ImportReport;
}

const CSV_TYPES = new Set(["", "text/csv", "application/csv", "text/plain", "application/vnd.ms-excel", "text/comma-separated-values"]);

const importInput = z.object({
  mode: z.enum(["validate", "import"], { message: "Choose whether to validate or import." }).default("import"),
  file: z
    .instanceof(File, { message: "Choose a CSV file to upload." })
    .refine((file) => file.size > 0, "The file is empty.")
    .refine((file) => file.size <= MAX_IMPORT_BYTES, `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into several files.`)
    .refine((file) => /\.csv$/i.test(file.name) && CSV_TYPES.has(file.type), "Upload a .csv file (in a spreadsheet: Save as → CSV UTF-8)."),
});

/** The file's text, or null when it is not UTF-8 text (an .xlsx renamed to .csv, a UTF-16 export). */
async function readText(file: File): Promise<string | null> {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    return text.includes("\u0000") ? null : text;
  } catch {
    return null;
  }
}

export async function importProductsAction(_previous: ActionResult<ImportView> | null, formData: FormData): Promise<ActionResult<ImportView>> {
  const auth = await authorizeAdminAction();
  if (!auth.ok) return auth.result;
  const parsed = importInput.safeParse({ mode: formData.get("mode") ?? undefined, file: formData.get("file") });
  if (!parsed.success) return invalidInput(parsed.error);
  const { file, mode } = parsed.data;
  const text = await readText(file);
  if (text === null) {
    const message = "The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8 (comma delimited)” and upload that.";
    return { ok: false, code: "invalid_input", error: message, fieldErrors: { file: message } };
  }
  try {
    const report = await importProductsCsv(prisma, text, { actorId: auth.user.id, dryRun: mode === "validate", fileName: file.name.slice(0, 200) });
    if (report.ok && report.written) {
      // Storefront caches: the catalog-wide tag covers every listing and page an import can touch.
      revalidateTag(TAGS.catalog, "max");
      revalidateTag(TAGS.products, "max");
      for (const handle of report.touchedHandles.slice(0, 500)) revalidateTag(TAGS.product(handle), "max");
      revalidatePath("/admin/products");
      revalidatePath("/admin");
    }
    return ok({ mode, fileName: file.name, report });
  } catch (error) {
    return failure(error, "admin.products.import");
  }
}
