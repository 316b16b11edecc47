// next-auth (v4, the stable release) configuration: email + password against our own User table, JWT
// sessions in an httpOnly cookie. Each token carries the user's sessionVersion; bumping it (sign out
// everywhere, password change, role change, a staff member's sign-out) invalidates every session at once,
// checked on every server-side read (lib/auth/session.ts). Roles are always read from the database, never
// trusted from the token. Passwords are checked behind sign-in's guessing limits (lib/auth/credentials.ts).
import type { NextAuthOptions, User as NextAuthUser } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { clientIp, signInThrottle } from "@/lib/rate-limit";
import { nextAuthRedirect } from "./callback-url";
import { authenticate } from "./credentials";
import type { Role } from "./roles";
import { SIGN_IN_ERRORS } from "./sign-in-errors";

declare module "next-auth" {
  interface User {
    role: Role;
    sessionVersion: number;
  }
  interface Session {
    user: { id: string; email: string; name: string | null; role: Role; sv: number };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    sv?: number;
  }
}

const credentialsInput = z.object({
  email: z.string().trim().max(254).email(),
  password: z.string().min(1).max(1024),
});

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/account/sign-in", error: "/account/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request): Promise<NextAuthUser | null> {
        const parsed = credentialsInput.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const result = await authenticate(prisma, signInThrottle(), {
          ...parsed.data,
          ip: clientIp(request?.headers ?? {}),
        });
        if (result.ok) return result.user;
        // null is next-auth's "CredentialsSignin"; anything thrown reaches the form as its message, which
        // is why only a code is thrown ("RateLimited:42"), never text.
        if (result.code === SIGN_IN_ERRORS.credentials) return null;
        throw new Error(result.code);
      },
    }),
  ],
  callbacks: {
    redirect: nextAuthRedirect,
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.sv = user.sessionVersion;
      }
      return token;
    },
    async session({ session, token }) {
      session.user = {
        id: token.uid ?? "",
        email: token.email ?? "",
        name: token.name ?? null,
        role: token.role ?? "CUSTOMER",
        sv: token.sv ?? -1,
      };
      return session;
    },
  },
  // events (the cart's merge at sign-in, ending staff sessions at sign-out) are added by the route handler
  // (app/api/auth/[...nextauth]/route.ts): only its requests run them, and the cart is a layer above auth.
};
