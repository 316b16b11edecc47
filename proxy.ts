// Early turn-away for the admin area: no session cookie -> the sign-in page (or 401 for the admin API),
// a customer's session -> 403, before any page renders. A convenience only: the role in the token may be
// stale, so every admin page, server action and route handler checks again against the database
// (lib/auth/guard.ts). Server actions can be posted to any URL, which is why those checks are the rule.
//
// The demo store's development mailbox (/dev/mail) gets a real HTTP 404 here for anyone without a staff
// session and, in production mode, for everyone: the page itself streams, so its own check (the rule) can
// no longer change the status code.
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { devMailboxEnabled } from "@/lib/email/config";

const DEV_MAILBOX_PATH = "/dev/mail";

export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET }).catch(() => null);
  const staff = token?.role === "STAFF" || token?.role === "ADMIN";
  if (request.nextUrl.pathname === DEV_MAILBOX_PATH || request.nextUrl.pathname.startsWith(`${DEV_MAILBOX_PATH}/`)) {
    if (devMailboxEnabled() && token?.uid && staff) return NextResponse.next();
    // An unknown path under the mailbox renders the store's ordinary not-found page, with HTTP 404.
    return NextResponse.rewrite(new URL(`${DEV_MAILBOX_PATH}/not-found`, request.url), { status: 404 });
  }
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  if (!token?.uid) {
    if (isApi) return NextResponse.json({ error: "Sign in required." }, { status: 401 });
    const signIn = new URL("/account/sign-in", request.url);
    signIn.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
    return NextResponse.redirect(signIn);
  }
  if (!staff) {
    if (isApi) return NextResponse.json({ error: "You don't have permission to do that." }, { status: 403 });
    return new NextResponse("Forbidden: this area is for store staff.", {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  return NextResponse.next();
}

export const config = { matcher: ["/admin/:path*", "/api/admin/:path*", "/dev/mail/:path*"] };
