// Passwords the store makes or is given at start: ADMIN_PASSWORD follows the password rules, a generated
// password (the first admin's, a new staff member's) must be replaced at first sign-in, the staff guards
// enforce that, and the hash compared for unknown emails costs what a real one does.
import bcrypt from "bcryptjs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { adminPasswordProblem, changePassword, changePasswordInput, ensureAdminAccount } from "@/lib/auth/accounts";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { staffAccess } from "@/lib/auth/roles";
import { createStaffAccount, createStaffInput } from "@/lib/auth/users-admin";
import { UserError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let db: TestDatabase;

beforeAll(async () => {
  vi.stubEnv("BCRYPT_COST", "4");
  db = await createTestDatabase("auth_generated");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await db?.drop();
});
afterEach(() => {
  vi.stubEnv("BCRYPT_COST", "4");
});

describe("ADMIN_PASSWORD", () => {
  it("must follow the password rules", () => {
    expect(adminPasswordProblem(undefined)).toBeNull();
    expect(adminPasswordProblem("")).toBeNull();
    expect(adminPasswordProblem("e2e-admin-password-1")).toBeNull();
    expect(adminPasswordProblem("admin")).toBe("ADMIN_PASSWORD is not a valid password: Use at least 10 characters.");
    expect(adminPasswordProblem("é".repeat(37))).toBe(
      "ADMIN_PASSWORD is not a valid password: Use at most 72 bytes (about 70 characters).",
    );
  });

  it("that is too weak creates no admin", async () => {
    const error = await ensureAdminAccount(db.prisma, { email: "weak@example.com", password: "password" }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).code).toBe("weak_admin_password");
    expect(await db.prisma.user.count()).toBe(0);
  });
});

describe("a generated password", () => {
  it("of the first admin must be changed at first sign-in; a given ADMIN_PASSWORD need not be", async () => {
    const created = await ensureAdminAccount(db.prisma, {});
    expect(created?.generated).toBe(true);
    const admin = await db.prisma.user.findUniqueOrThrow({ where: { email: created!.email } });
    expect(admin.mustChangePassword).toBe(true);
    expect(staffAccess(admin)).toBe("password_change_required");

    await changePassword(
      db.prisma,
      admin.id,
      changePasswordInput.parse({
        currentPassword: created!.password,
        newPassword: "my-own-admin-password",
        confirmPassword: "my-own-admin-password",
      }),
    );
    const changed = await db.prisma.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(changed.mustChangePassword).toBe(false);
    expect(changed.sessionVersion).toBe(admin.sessionVersion + 1);
    expect(staffAccess(changed)).toBe("allowed");

    // Another store, whose first admin comes with ADMIN_PASSWORD: nothing to change.
    const other = await createTestDatabase("auth_given_admin");
    try {
      await ensureAdminAccount(other.prisma, { email: "boss@example.com", password: "a-chosen-password-1" });
      const given = await other.prisma.user.findUniqueOrThrow({ where: { email: "boss@example.com" } });
      expect(given.mustChangePassword).toBe(false);
      expect(staffAccess(given)).toBe("allowed");
    } finally {
      await other.drop();
    }
  });

  it("of a new staff account must be changed too", async () => {
    const admin = await db.prisma.user.findFirstOrThrow({ where: { role: "ADMIN" } });
    const staff = await createStaffAccount(
      db.prisma,
      admin,
      createStaffInput.parse({ email: "new-staff@example.com", role: "STAFF" }),
    );
    const row = await db.prisma.user.findUniqueOrThrow({ where: { id: staff.id } });
    expect(row.mustChangePassword).toBe(true);
    expect(staffAccess(row)).toBe("password_change_required");
  });
});

describe("the staff guards' decision", () => {
  it("answers anonymous, forbidden, password change or allowed, in that order", () => {
    expect(staffAccess(null)).toBe("anonymous");
    expect(staffAccess({ role: "CUSTOMER", mustChangePassword: true })).toBe("forbidden");
    expect(staffAccess({ role: "STAFF", mustChangePassword: false }, "ADMIN")).toBe("forbidden");
    expect(staffAccess({ role: "STAFF", mustChangePassword: true })).toBe("password_change_required");
    expect(staffAccess({ role: "ADMIN", mustChangePassword: true }, "ADMIN")).toBe("password_change_required");
    expect(staffAccess({ role: "STAFF", mustChangePassword: false })).toBe("allowed");
  });
});

describe("an unknown email at sign-in", () => {
  it("is checked against a hash made at the current BCRYPT_COST, so it takes as long as a real account", async () => {
    vi.stubEnv("BCRYPT_COST", "5");
    expect(bcrypt.getRounds(await dummyPasswordHash())).toBe(5);
    vi.stubEnv("BCRYPT_COST", "6");
    expect(bcrypt.getRounds(await dummyPasswordHash())).toBe(6);
    expect(await verifyPassword("whatever-password", null)).toBe(false);
  });
});
