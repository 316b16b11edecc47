// Managing accounts from the admin (ADMIN only): list, change roles, create staff accounts.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { idSchema } from "@/lib/ids";
import { UserError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { writeAudit } from "@/lib/audit/log";
import { normalizeEmail } from "./email";
import { generatePassword, hashPassword } from "./password";
import { hasRole, type Role } from "./roles";
import { searchText } from "@/lib/text";

export const USERS_PAGE_SIZE = 25;
const roleSchema = z.enum(["CUSTOMER", "STAFF", "ADMIN"], { message: "Choose a role." });

export const userListParams = z.object({
  q: z
    .string()
    .transform((value) => searchText(value, 200) || undefined)
    .optional()
    .catch(undefined),
  role: roleSchema.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export const setRoleInput = z.object({ userId: idSchema(), role: roleSchema });
export const createStaffInput = z.object({
  email: z.string().trim().min(1, "Enter an email.").max(254).email("Enter a valid email address."),
  name: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((value) => value || undefined),
  role: z.enum(["STAFF", "ADMIN"], { message: "Choose staff or admin." }),
});

interface Actor {
  id: string;
  role: Role;
}

function requireAdmin(actor: Actor) {
  if (!hasRole(actor.role, "ADMIN")) throw new UserError("forbidden", "Only administrators can manage users.");
}

export async function listUsers(db: Db, params: z.output<typeof userListParams>) {
  const where: Prisma.UserWhereInput = {
    ...(params.role ? { role: params.role } : {}),
    ...(params.q
      ? {
          OR: [
            { email: { contains: params.q, mode: "insensitive" } },
            { name: { contains: params.q, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [total, users] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ role: "desc" }, { createdAt: "desc" }],
      skip: (params.page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
      select: { id: true, email: true, name: true, role: true, createdAt: true, _count: { select: { orders: true } } },
    }),
  ]);
  return { total, users, pageCount: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)) };
}

/**
 * Changes a role. The account's sessions end (its token carries the old role for the proxy), and the
 * store always keeps at least one admin: the last one cannot be demoted, by others or themselves.
 */
export async function setUserRole(db: Db, actor: Actor, input: z.output<typeof setRoleInput>) {
  requireAdmin(actor);
  return db.$transaction(async (tx) => {
    // Lock the admin rows so two concurrent demotions cannot both see "another admin remains".
    await tx.$queryRaw`SELECT id FROM "User" WHERE role = 'ADMIN' FOR UPDATE`;
    const user = await tx.user.findUnique({
      where: { id: input.userId },
      select: { id: true, role: true, email: true },
    });
    if (!user) throw new UserError("not_found", "That account no longer exists.");
    if (user.role === input.role) return user;
    if (user.role === "ADMIN") {
      const admins = await tx.user.count({ where: { role: "ADMIN" } });
      if (admins <= 1) throw new UserError("last_admin", "The store needs at least one administrator.");
    }
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { role: input.role, sessionVersion: { increment: 1 } },
      select: { id: true, role: true, email: true },
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "user.role_change",
      entityType: "User",
      entityId: user.id,
      data: { from: user.role, to: input.role },
    });
    return updated;
  });
}

/** Creates a staff or admin account with a generated password, returned once to show to the admin. The
 *  new member must replace it at first sign-in (the admin who read it out should not keep knowing it). */
export async function createStaffAccount(db: Db, actor: Actor, input: z.output<typeof createStaffInput>) {
  requireAdmin(actor);
  const email = normalizeEmail(input.email);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  try {
    const user = await db.$transaction(async (tx) => {
      const created = await tx.user.create({
        // Verified: the admin vouches for a staff member's address (no verification email is sent).
        data: {
          email,
          name: input.name ?? null,
          role: input.role,
          passwordHash,
          mustChangePassword: true,
          emailVerified: new Date(),
        },
        select: { id: true, email: true, role: true },
      });
      await writeAudit(tx, {
        actorId: actor.id,
        action: "user.create_staff",
        entityType: "User",
        entityId: created.id,
        data: { role: input.role },
      });
      return created;
    });
    return { ...user, password };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const message = "An account with this email already exists: change its role instead.";
      throw new UserError("email_taken", message, { fieldErrors: { email: message } });
    }
    throw error;
  }
}
