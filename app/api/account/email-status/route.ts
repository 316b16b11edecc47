// GET /api/account/email-status: whether the visitor's account still has to confirm its email, for the
// banner island of the store layout (components/account/verify-email-banner.tsx). The layout is the same
// for every visitor, so catalog pages stay cached; this per-visitor answer is read in the browser instead.
// The only input is the session cookie (no query parameters are read); a missing, malformed or ended
// session is a signed-out visitor. Never stored by any cache.
import { NextResponse, connection } from "next/server";
import { getSessionUser } from "@/lib/auth/session";
import type { EmailStatusResponse } from "@/lib/auth/email-verification";
import { GENERIC_ERROR_MESSAGE } from "@/lib/errors";

const NO_STORE = { "Cache-Control": "private, no-store" };

export async function GET() {
  // Outside the try: this marks the handler as per request (never prerendered), a signal not to be caught.
  await connection();
  try {
    const user = await getSessionUser();
    const body: EmailStatusResponse = { unconfirmedEmail: user && !user.emailVerified ? user.email : null };
    return NextResponse.json(body, { headers: NO_STORE });
  } catch (error) {
    console.error("[api/account/email-status]", error);
    return NextResponse.json({ error: GENERIC_ERROR_MESSAGE }, { status: 500, headers: NO_STORE });
  }
}
