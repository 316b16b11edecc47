import "server-only";
// The signed-in user for this request, verified against the database: the account must still exist and
// the session's version must match (see lib/auth/options.ts). Memoised per request.
import { cache } from "react";
import { unstable_rethrow } from "next/navigation";
import { connection } from "next/server";
import { getServerSession } from "next-auth";
import { prisma } from "@/lib/db";
import { authOptions } from "./options";
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

export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  // Always at request time (the session's expiry is checked against the clock): never prerendered.
  await connection();
  let session;
  try {
    session = await getServerSession(authOptions);
  } catch (error) {
    // next-auth throws on a callback-url cookie that is not a URL (a client's garbage, never one it set):
    // the visitor is treated as signed out instead of the page failing. Next's own signals pass through.
    unstable_rethrow(error);
    return null;
  }
  const claims = session?.user;
  if (!claims?.id) return null;
  const user = await prisma.user.findUnique({
    where: { id: claims.id },
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
