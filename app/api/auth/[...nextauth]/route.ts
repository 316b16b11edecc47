// next-auth's own endpoints: CSRF token, credentials callback, session, sign-out. Each request is checked
// first (lib/auth/endpoint-request.ts): input next-auth would answer with a 500 gets a 400.
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { checkAuthRequest } from "@/lib/auth/endpoint-request";
import { endStaffSessionsAfterSignOut } from "@/lib/auth/events";
import { authOptions } from "@/lib/auth/options";
import { adoptCartAfterSignIn, forgetCartAfterSignOut } from "@/lib/cart/session-events";
import { adoptWishlistAfterSignIn, forgetWishlistAfterSignOut } from "@/lib/wishlist/session-events";

const nextAuth = NextAuth({
  ...authOptions,
  events: {
    async signIn({ user }) {
      await adoptCartAfterSignIn(user.id);
      await adoptWishlistAfterSignIn(user.id);
    },
    async signOut({ token }) {
      await forgetCartAfterSignOut();
      await forgetWishlistAfterSignOut();
      await endStaffSessionsAfterSignOut(token);
    },
  },
}) as (request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

async function handler(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  const checked = await checkAuthRequest(request);
  return checked.ok ? nextAuth(checked.request, context) : checked.response;
}

export { handler as GET, handler as POST };
