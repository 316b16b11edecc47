// Early answers before any page renders:
// - the admin area: no session cookie -> the sign-in page (or 401 for the admin API), a customer's session
//   -> 403. A convenience only: the role in the token may be stale, so every admin page, server action and
//   route handler checks again against the database (lib/auth/guard.ts). Server actions can be posted to
//   any URL, which is why those checks are the rule;
// - detail pages whose id is unknown (admin orders, products, coupons, inventory; the test payment page)
//   or an order page the request may not open (lib/orders/access.ts), and a back-in-stock alert's
//   unsubscribe page with a forged or damaged link: HTTP 404 with the not-found page.
//   The pages stream, so their own notFound() would come after a 200 status (lib/proxy/detail-gates.ts);
// - the demo store's development mailbox (/dev/mail): HTTP 404 for anyone without a staff session and, in
//   production mode, for everyone, for the same reason (the page's own check stays the rule).
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { prisma } from "@/lib/db";
import { devMailboxEnabled } from "@/lib/email/config";
import { adminDetailExists, adminDetailOf, shopperDetailOpens } from "@/lib/proxy/detail-gates";

const DEV_MAILBOX_PATH = "/dev/mail";

/** Renders the app's not-found page with HTTP 404: no route matches this path. */
function notFound(request: NextRequest) {
  return NextResponse.rewrite(new URL("/_not-found-gate", request.url));
}

async function sessionOf(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET }).catch(() => null);
  return token?.uid ? { userId: token.uid, sessionVersion: token.sv ?? -1, role: token.role } : null;
}

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const session = await sessionOf(request);
  const staff = session?.role === "STAFF" || session?.role === "ADMIN";
  if (pathname === DEV_MAILBOX_PATH || pathname.startsWith(`${DEV_MAILBOX_PATH}/`)) {
    return devMailboxEnabled() && staff ? NextResponse.next() : notFound(request);
  }
  if (!pathname.startsWith("/admin") && !pathname.startsWith("/api/admin")) {
    const opens = await shopperDetailOpens(prisma, request.nextUrl, session);
    return opens === false ? notFound(request) : NextResponse.next();
  }

  const isApi = pathname.startsWith("/api/");
  if (!session) {
    if (isApi) return NextResponse.json({ error: "Sign in required." }, { status: 401 });
    const signIn = new URL("/account/sign-in", request.url);
    signIn.searchParams.set("callbackUrl", pathname + request.nextUrl.search);
    return NextResponse.redirect(signIn);
  }
  if (!staff) {
    if (isApi) return NextResponse.json({ error: "You don't have permission to do that." }, { status: 403 });
    return new NextResponse("Forbidden: this area is for store staff.", {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const detail = adminDetailOf(pathname);
  if (detail && !(await adminDetailExists(prisma, detail, session))) return notFound(request);
  return NextResponse.next();
}

export const config = {
  matcher: [
    "/admin/:path*",
    "/api/admin/:path*",
    "/orders/:path*",
    "/checkout/pay/:path*",
    "/dev/mail/:path*",
    "/alerts/:path*",
  ],
};
