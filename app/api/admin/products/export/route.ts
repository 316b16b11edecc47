// GET /api/admin/products/export[?status=active|draft|archived] -> every product (one row per variant,
// stock per location) as a streamed CSV download, in the format the import page reads back. Staff only.
import { z } from "zod";
import { fieldErrorsOf } from "@/lib/actions/form";
import { authorizeAdminRequest } from "@/lib/auth/guard";
import { csvResponse } from "@/lib/csv/response";
import { prisma } from "@/lib/db";
import { exportProductsCsv, productsExportFileName } from "@/lib/catalog/csv";

const querySchema = z.object({
  status: z
    .string()
    .trim()
    .toUpperCase()
    .pipe(z.enum(["DRAFT", "ACTIVE", "ARCHIVED"], { message: "status must be draft, active or archived." }))
    .optional(),
});

export async function GET(request: Request) {
  const auth = await authorizeAdminRequest();
  if (!auth.ok) return auth.response;
  const status = new URL(request.url).searchParams.get("status");
  const parsed = querySchema.safeParse({ status: status || undefined });
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return Response.json(
      { error: Object.values(fieldErrors)[0] ?? "Invalid filter.", fieldErrors },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  }
  const suffix = parsed.data.status ? `-${parsed.data.status.toLowerCase()}` : "";
  return csvResponse(
    exportProductsCsv(prisma, { status: parsed.data.status }),
    productsExportFileName().replace(".csv", `${suffix}.csv`),
    "admin.products.export",
  );
}
