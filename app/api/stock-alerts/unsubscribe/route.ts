// One-click unsubscribe (RFC 8058) from a back-in-stock email's List-Unsubscribe header: the mail client
// POSTs "List-Unsubscribe=One-Click" to the signed address, from its own servers (no cookie, no Origin of
// ours: the signature is the authorization). POST /api/stock-alerts/unsubscribe?alert=<id>&token=<sig>.
// A malformed address is 400, a forged signature 403; nothing is deleted for either.
import { NextResponse, type NextRequest } from "next/server";
import { prisma } from "@/lib/db";
import { isDatabaseUnavailable } from "@/lib/errors";
import { unsubscribeStockAlert, unsubscribeStockAlertInput } from "@/lib/inventory/stock-alert-unsubscribe";

const NO_STORE = { "Cache-Control": "no-store" };

export async function POST(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const parsed = unsubscribeStockAlertInput.safeParse({
    alert: params.get("alert") ?? undefined,
    token: params.get("token") ?? undefined,
  });
  if (!parsed.success) {
    return NextResponse.json({ error: "This unsubscribe link is not valid." }, { status: 400, headers: NO_STORE });
  }
  try {
    const outcome = await unsubscribeStockAlert(prisma, parsed.data);
    if (outcome === "invalid") {
      return NextResponse.json({ error: "This unsubscribe link is not valid." }, { status: 403, headers: NO_STORE });
    }
    return NextResponse.json({ outcome }, { status: 200, headers: NO_STORE });
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return NextResponse.json({ error: "Please try again in a moment." }, { status: 503, headers: NO_STORE });
  }
}
