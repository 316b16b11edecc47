// GET /api/admin/orders/export?from=YYYY-MM-DD&to=YYYY-MM-DD -> the orders placed in that range (store
// time zone, both days inclusive) as a streamed CSV download. Staff only. Bad dates are a 400 with the
// reason, never a 500. The export itself is audited: it carries customers' email addresses.
import { fieldErrorsOf } from "@/lib/actions/form";
import { writeAudit } from "@/lib/audit/log";
import { authorizeAdminRequest } from "@/lib/auth/guard";
import { csvResponse } from "@/lib/csv/response";
import { prisma } from "@/lib/db";
import { newId } from "@/lib/ids";
import { exportOrdersCsv, ordersExportFileName, ordersExportQuery } from "@/lib/reports/orders-export";

export async function GET(request: Request) {
  const auth = await authorizeAdminRequest();
  if (!auth.ok) return auth.response;
  const params = new URL(request.url).searchParams;
  const parsed = ordersExportQuery.safeParse({
    from: params.get("from") ?? undefined,
    to: params.get("to") ?? undefined,
  });
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return Response.json(
      { error: Object.values(fieldErrors)[0] ?? "Invalid date range.", fieldErrors },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  }
  try {
    await writeAudit(prisma, {
      actorId: auth.user.id,
      action: "orders.export",
      entityType: "OrderExport",
      entityId: newId(),
      data: { from: parsed.data.from, to: parsed.data.to },
    });
  } catch (error) {
    console.error("[admin.orders.export]", error);
    return Response.json(
      { error: "The export could not start. Please try again." },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
  return csvResponse(exportOrdersCsv(prisma, parsed.data), ordersExportFileName(parsed.data), "admin.orders.export");
}
