// Early turn-away for the admin area: no session cookie -> the sign-in page (or 401 for the admin API),
// a customer's session -> 403, before any page renders. A convenience only: the role in the token may be
// stale, so every admin page, server action and route handler checks again against the database
// (lib/auth/guard.ts). Server actions can be posted to any URL, which is why those checks are the rule.
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";

export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET }).catch(() => null);
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  if (!token?.uid) {
    if (isApi) return NextResponse.json({ error: "Sign in required." }, { status: 401 });
    const signIn = new URL("/account/sign-in", request.url);
    signIn.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
    return NextResponse.redirect(signIn);
  }
  if (token.role !== "STAFF" && token.role !== "ADMIN") {
    if (isApi) return NextResponse.json({ error: "You don't have permission to do that." }, { status: 403 });
    return new NextResponse("Forbidden: this area is for store staff.", {
      status: 403,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  return NextResponse.next();
}

export const config = { matcher: ["/admin/:path*", "/api/admin/:path*"] };
