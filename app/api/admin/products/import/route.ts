// POST /api/admin/products/import: a products CSV (multipart: `file`, `mode` = "validate" | "import").
// lib/catalog/csv validates every row and writes all of them in one transaction or none;
// "validate" runs the same checks and writes nothing (a dry run). Answers the ActionResult shape as JSON.
//
// A route handler rather than a server action: the catalog's own export is over 1 MB, Next caps server
// action bodies at 1 MB, and raising that cap would apply to every visitor's server action calls before
// any authorization. Here the caller is authorized first, then the body is read with a 5 MB cap.
import { revalidatePath } from "next/cache";
import { expireCatalogTags } from "@/lib/catalog/admin/revalidate";
import { z } from "zod";
import type { ActionResult } from "@/lib/actions/result";
import { authorizeAdminRequest } from "@/lib/auth/guard";
import { TAGS } from "@/lib/catalog/tags";
import { prisma } from "@/lib/db";
import { GENERIC_ERROR_MESSAGE, isUserError } from "@/lib/errors";
import { isSameOriginRequest } from "@/lib/http/same-origin";
import { describeBytes, readCappedFormData } from "@/lib/http/upload";
import { importProductsCsv, MAX_IMPORT_BYTES, type ImportView } from "@/lib/catalog/csv";

const CSV_TYPES = new Set([
  "",
  "text/csv",
  "application/csv",
  "text/plain",
  "application/vnd.ms-excel",
  "text/comma-separated-values",
]);

const importInput = z.object({
  mode: z.enum(["validate", "import"], { message: "Choose whether to validate or import." }).default("validate"), // writing must be asked for
  file: z
    .instanceof(File, { message: "Choose a CSV file to upload." })
    .refine((file) => file.size > 0, "The file is empty.")
    .refine(
      (file) => file.size <= MAX_IMPORT_BYTES,
      `The file is larger than ${describeBytes(MAX_IMPORT_BYTES)}. Split it into several files.`,
    )
    .refine(
      (file) => /\.csv$/i.test(file.name) && CSV_TYPES.has(file.type),
      "Upload a .csv file (in a spreadsheet: Save as → CSV UTF-8).",
    ),
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

function answer(result: ActionResult<ImportView>, status: number): Response {
  return Response.json(result, { status, headers: { "Cache-Control": "no-store" } });
}

function fileError(message: string, status = 400): Response {
  return answer({ ok: false, code: "invalid_input", error: message, fieldErrors: { file: message } }, status);
}

export async function POST(request: Request): Promise<Response> {
  const auth = await authorizeAdminRequest();
  if (!auth.ok) return auth.response;
  if (!isSameOriginRequest(request))
    return answer({ ok: false, code: "cross_site", error: "This upload did not come from the store's admin." }, 403);

  let form: FormData;
  try {
    form = await readCappedFormData(request, MAX_IMPORT_BYTES, { what: "CSV file", tooLargeCode: "file_too_large" });
  } catch (error) {
    if (isUserError(error)) return fileError(error.message, error.code === "file_too_large" ? 413 : 400);
    // A broken or aborted upload stream: the form shows this, instead of a bare 500.
    console.error("products import: reading the upload failed:", error);
    return fileError("The upload could not be read. Please try again.");
  }
  const parsed = importInput.safeParse({ mode: form.get("mode") ?? undefined, file: form.get("file") });
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Check the upload.";
    return fileError(message);
  }
  const { file, mode } = parsed.data;
  const text = await readText(file);
  if (text === null)
    return fileError(
      "The file is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8 (comma delimited)” and upload that.",
    );
  try {
    const report = await importProductsCsv(prisma, text, {
      actorId: auth.user.id,
      dryRun: mode === "validate",
      fileName: file.name.slice(0, 200),
    });
    if (report.ok && report.written) {
      // Storefront caches: the catalog-wide tag covers every listing and page an import can touch.
      expireCatalogTags([
        TAGS.catalog,
        TAGS.products,
        ...report.touchedHandles.slice(0, 500).map((handle) => TAGS.product(handle)),
      ]);
      revalidatePath("/admin/products");
      revalidatePath("/admin");
    }
    return answer({ ok: true, data: { mode, fileName: file.name, report } }, 200);
  } catch (error) {
    if (isUserError(error)) return answer({ ok: false, code: error.code, error: error.message }, 400);
    console.error("[admin.products.import]", error);
    return answer({ ok: false, code: "internal", error: GENERIC_ERROR_MESSAGE }, 500);
  }
}
