import "server-only";
// The signed-in user for this request, verified against the database: the account must still exist and
// the session's version must match (see lib/auth/options.ts). Memoised per request.
import { cache } from "react";
import { cookies } from "next/headers";
import { connection } from "next/server";
import { decode } from "next-auth/jwt";
import { prisma } from "@/lib/db";
import type { Role } from "./roles";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  /** Set on accounts created with a generated password: staff pages send them to change it first. */
  mustChangePassword: boolean;
  /** Whether the account confirmed its email (lib/auth/email-verification.ts). */
  emailVerified: boolean;
}

// next-auth's session cookie (with the __Secure- prefix on https, as next-auth names it: from NEXTAUTH_URL,
// which scripts/start.ts sets from SITE_URL when it is not given).
function sessionCookieName(): string {
  const secure = (process.env.NEXTAUTH_URL || process.env.SITE_URL || "").trim().startsWith("https://");
  return secure ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

/**
 * The claims of this request's session cookie, or null. Decoded here rather than with getServerSession():
 * every store page reads the session (the email confirmation banner), and next-auth logs a cookie that does
 * not decode (garbage, forged, or made with an earlier secret) as a server error and throws on a malformed
 * callback-url cookie. Those are a client's doing: the visitor is simply signed out. decode() checks the
 * encryption and the expiry with the same secret next-auth signs with.
 */
async function sessionClaims() {
  const token = (await cookies()).get(sessionCookieName())?.value;
  if (!token) return null;
  try {
    return await decode({ token, secret: process.env.NEXTAUTH_SECRET ?? "" });
  } catch {
    return null;
  }
}

export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  // Always at request time (the session's expiry is checked against the clock): never prerendered.
  await connection();
  const claims = await sessionClaims();
  if (!claims?.uid || typeof claims.sv !== "number") return null;
  const user = await prisma.user.findUnique({
    where: { id: claims.uid },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      sessionVersion: true,
      mustChangePassword: true,
      emailVerified: true,
    },
  });
  if (!user || user.sessionVersion !== claims.sv) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
    emailVerified: user.emailVerified !== null,
  };
});
