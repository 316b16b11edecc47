// Accounts against a real database: sign-up, password change and "sign out everywhere" (session versions),
// staff sign-out, signing in behind the password-guessing limits (memory limiter, fake clock and sleep),
// the first admin, role management with its last-admin rule, and the guest cart merge on sign-in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import {
  changePassword,
  changePasswordInput,
  createCustomerAccount,
  endStaffSessionsOnSignOut,
  ensureAdminAccount,
  signOutEverywhere,
  signUpInput,
} from "@/lib/auth/accounts";
import { authenticate } from "@/lib/auth/credentials";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { createMemoryLimiter } from "@/lib/rate-limit/memory";
import { createSignInThrottle } from "@/lib/rate-limit/sign-in";
import { createStaffAccount, createStaffInput, setUserRole } from "@/lib/auth/users-admin";
import { adoptCartOnSignIn } from "@/lib/cart/merge";
import { UserError } from "@/lib/errors";

process.env.BCRYPT_COST = "4";

let db: TestDatabase;
let variants: string[] = [];

async function expectUserError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
}

async function passwordHashOf(email: string) {
  const user = await db.prisma.user.findUniqueOrThrow({ where: { email }, omit: { passwordHash: false } });
  return user.passwordHash;
}

beforeAll(async () => {
  db = await createTestDatabase("auth");
  const category = await db.prisma.category.create({ data: { slug: "c", name: "C" } });
  const product = await db.prisma.product.create({
    data: { slug: "p", title: "P", categoryId: category.id, status: "ACTIVE" },
  });
  variants = [];
  for (let index = 0; index < 60; index += 1) {
    const variant = await db.prisma.variant.create({
      data: { productId: product.id, sku: `SKU-${index}`, priceCents: 1000 + index },
    });
    variants.push(variant.id);
  }
});

afterAll(async () => {
  await db?.drop();
});

describe("customer accounts", () => {
  it("signs up with a normalised email and a bcrypt hash, and refuses a second account for the same email", async () => {
    const input = signUpInput.parse({ email: "  Ann@Example.COM ", password: "a-long-password", name: "Ann" });
    const user = await createCustomerAccount(db.prisma, input);
    expect(user.email).toBe("ann@example.com");
    const stored = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(stored.role).toBe("CUSTOMER");
    expect(stored.passwordHash).toMatch(/^\$2[aby]\$/);
    expect(await verifyPassword("a-long-password", stored.passwordHash)).toBe(true);
    await expectUserError(
      createCustomerAccount(db.prisma, signUpInput.parse({ email: "ANN@example.com", password: "another-password" })),
      "email_taken",
    );
    expect(await db.prisma.user.count({ where: { email: "ann@example.com" } })).toBe(1);
  });

  it("rejects weak or malformed sign-up input with field messages", () => {
    const result = signUpInput.safeParse({ email: "not-an-email", password: "short" });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((issue) => issue.path.join("."));
    expect(fields).toEqual(expect.arrayContaining(["email", "password"]));
    // bcrypt reads 72 bytes: longer passwords are refused rather than silently truncated.
    expect(signUpInput.safeParse({ email: "a@b.co", password: "é".repeat(40) }).success).toBe(false);
  });

  it("changes a password only with the current one, and ends every session", async () => {
    const user = await createCustomerAccount(
      db.prisma,
      signUpInput.parse({ email: "bob@example.com", password: "first-password-1" }),
    );
    const wrong = changePasswordInput.parse({
      currentPassword: "nope-nope-nope",
      newPassword: "second-password-2",
      confirmPassword: "second-password-2",
    });
    await expectUserError(changePassword(db.prisma, user.id, wrong), "wrong_password");
    expect(await verifyPassword("first-password-1", await passwordHashOf("bob@example.com"))).toBe(true);

    const before = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    await changePassword(db.prisma, user.id, { ...wrong, currentPassword: "first-password-1" });
    const after = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await verifyPassword("second-password-2", await passwordHashOf("bob@example.com"))).toBe(true);
    expect(await verifyPassword("first-password-1", await passwordHashOf("bob@example.com"))).toBe(false);
    expect(await db.prisma.auditLog.count({ where: { entityId: user.id, action: "user.password_change" } })).toBe(1);

    expect(
      changePasswordInput.safeParse({
        currentPassword: "x",
        newPassword: "long-enough-1",
        confirmPassword: "different-1",
      }).success,
    ).toBe(false);
  });

  it("signs out everywhere by bumping the session version", async () => {
    const user = await createCustomerAccount(
      db.prisma,
      signUpInput.parse({ email: "cy@example.com", password: "cy-password-123" }),
    );
    await signOutEverywhere(db.prisma, user.id);
    await signOutEverywhere(db.prisma, user.id);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(2);
  });
});

describe("the first admin", () => {
  it("is created once, with a generated password that works, and never again", async () => {
    const created = await ensureAdminAccount(db.prisma, {});
    expect(created).not.toBeNull();
    expect(created!.generated).toBe(true);
    expect(created!.email).toBe("admin@example.com");
    expect(created!.password).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(await verifyPassword(created!.password, await passwordHashOf("admin@example.com"))).toBe(true);
    expect(await ensureAdminAccount(db.prisma, { email: "other@example.com", password: "x-password-123" })).toBeNull();
    expect(await db.prisma.user.count({ where: { role: "ADMIN" } })).toBe(1);
  });
});

describe("role management", () => {
  it("is for admins only, audited, signs the account out, and always keeps one admin", async () => {
    const admin = await db.prisma.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
    const customer = await db.prisma.user.findUniqueOrThrow({ where: { email: "cy@example.com" } });
    const staffActor = { id: customer.id, role: "STAFF" as const };
    await expectUserError(setUserRole(db.prisma, staffActor, { userId: customer.id, role: "ADMIN" }), "forbidden");
    await expectUserError(
      createStaffAccount(db.prisma, staffActor, createStaffInput.parse({ email: "s@example.com", role: "STAFF" })),
      "forbidden",
    );

    // The only admin cannot demote themselves.
    await expectUserError(setUserRole(db.prisma, admin, { userId: admin.id, role: "STAFF" }), "last_admin");

    const version = customer.sessionVersion;
    await setUserRole(db.prisma, admin, { userId: customer.id, role: "STAFF" });
    const promoted = await db.prisma.user.findUniqueOrThrow({ where: { id: customer.id } });
    expect(promoted.role).toBe("STAFF");
    expect(promoted.sessionVersion).toBe(version + 1);
    const audit = await db.prisma.auditLog.findFirstOrThrow({
      where: { entityId: customer.id, action: "user.role_change" },
    });
    expect(audit.actorId).toBe(admin.id);
    expect(audit.data).toEqual({ from: "CUSTOMER", to: "STAFF" });
    await expectUserError(setUserRole(db.prisma, admin, { userId: "missing-id", role: "STAFF" }), "not_found");
  });

  it("creates staff accounts with a one-time password and refuses an existing email", async () => {
    const admin = await db.prisma.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
    const staff = await createStaffAccount(
      db.prisma,
      admin,
      createStaffInput.parse({ email: "Dana@Example.com", role: "ADMIN", name: "Dana" }),
    );
    expect(staff.email).toBe("dana@example.com");
    expect(await verifyPassword(staff.password, await passwordHashOf("dana@example.com"))).toBe(true);
    await expectUserError(
      createStaffAccount(db.prisma, admin, createStaffInput.parse({ email: "dana@example.com", role: "STAFF" })),
      "email_taken",
    );
  });

  it("two admins demoting each other at once leave one admin", async () => {
    const first = await db.prisma.user.findUniqueOrThrow({ where: { email: "admin@example.com" } });
    const second = await db.prisma.user.findUniqueOrThrow({ where: { email: "dana@example.com" } });
    const outcomes = await Promise.allSettled([
      setUserRole(db.prisma, first, { userId: second.id, role: "STAFF" }),
      setUserRole(db.prisma, second, { userId: first.id, role: "STAFF" }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect(await db.prisma.user.count({ where: { role: "ADMIN" } })).toBe(1);
  });
});

describe("cart merge on sign-in", () => {
  const expires = () => new Date(Date.now() + 86_400_000);

  async function cartWith(lines: Array<[number, number]>, userId: string | null = null) {
    const cart = await db.prisma.cart.create({ data: { userId, expiresAt: expires() } });
    for (const [variantIndex, quantity] of lines) {
      await db.prisma.cartLine.create({
        data: { cartId: cart.id, variantId: variants[variantIndex]!, quantity, unitPriceCentsAtAdd: 1000 },
      });
    }
    return cart.id;
  }

  async function linesOf(cartId: string) {
    const lines = await db.prisma.cartLine.findMany({ where: { cartId } });
    return Object.fromEntries(lines.map((line) => [variants.indexOf(line.variantId), line.quantity]));
  }

  async function newCustomer(email: string) {
    return createCustomerAccount(db.prisma, signUpInput.parse({ email, password: "merge-password-1" }));
  }

  it("adopts the guest cart when the account has none", async () => {
    const user = await newCustomer("m1@example.com");
    const guest = await cartWith([[0, 2]]);
    expect(await adoptCartOnSignIn(db.prisma, guest, user.id)).toBe(guest);
    expect((await db.prisma.cart.findUniqueOrThrow({ where: { id: guest } })).userId).toBe(user.id);
    expect(await linesOf(guest)).toEqual({ 0: 2 });
  });

  it("merges the account's saved cart into the guest cart: larger quantity wins, old cart emptied and expired", async () => {
    const user = await newCustomer("m2@example.com");
    const saved = await cartWith(
      [
        [1, 5],
        [2, 1],
      ],
      user.id,
    );
    const guest = await cartWith([
      [1, 2],
      [3, 1],
    ]);
    expect(await adoptCartOnSignIn(db.prisma, guest, user.id)).toBe(guest);
    expect(await linesOf(guest)).toEqual({ 1: 5, 2: 1, 3: 1 });
    expect(await db.prisma.cartLine.count({ where: { cartId: saved } })).toBe(0);
    expect((await db.prisma.cart.findUniqueOrThrow({ where: { id: saved } })).expiresAt.getTime()).toBeLessThanOrEqual(
      Date.now(),
    );
  });

  it("brings back the saved cart when there is no guest cart, and never merges another account's cart", async () => {
    const user = await newCustomer("m3@example.com");
    const other = await newCustomer("m4@example.com");
    const saved = await cartWith([[4, 1]], user.id);
    expect(await adoptCartOnSignIn(db.prisma, undefined, user.id)).toBe(saved);
    const othersCart = await cartWith([[5, 3]], other.id);
    expect(await adoptCartOnSignIn(db.prisma, othersCart, user.id)).toBe(saved);
    expect((await db.prisma.cart.findUniqueOrThrow({ where: { id: othersCart } })).userId).toBe(other.id);
    expect(await linesOf(othersCart)).toEqual({ 5: 3 });
  });

  it("keeps the 50-line limit when merging", async () => {
    const user = await newCustomer("m5@example.com");
    await cartWith(
      Array.from({ length: 30 }, (_, index) => [index + 30, 1] as [number, number]),
      user.id,
    );
    const guest = await cartWith(Array.from({ length: 30 }, (_, index) => [index, 1] as [number, number]));
    await adoptCartOnSignIn(db.prisma, guest, user.id);
    const lines = await linesOf(guest);
    expect(Object.keys(lines)).toHaveLength(50);
    // The guest's own lines are all kept.
    for (let index = 0; index < 30; index += 1) expect(lines[index]).toBe(1);
  });
});

describe("staff sign-out", () => {
  async function user(email: string, role: "CUSTOMER" | "STAFF" | "ADMIN") {
    return db.prisma.user.create({ data: { email, role, passwordHash: await hashPassword("some-password-1") } });
  }
  const versionOf = async (id: string) =>
    (await db.prisma.user.findUniqueOrThrow({ where: { id }, select: { sessionVersion: true } })).sessionVersion;

  it("ends every session of a staff or admin account, so a copied cookie dies with the sign-out", async () => {
    for (const role of ["STAFF", "ADMIN"] as const) {
      const staff = await user(`signout-${role.toLowerCase()}@example.com`, role);
      expect(await endStaffSessionsOnSignOut(db.prisma, { userId: staff.id, sessionVersion: 0 })).toBe(true);
      // Every token carrying version 0 (this browser's and any copy of it) is now refused.
      expect(await versionOf(staff.id)).toBe(1);
      expect(await db.prisma.auditLog.count({ where: { entityId: staff.id, action: "user.staff_sign_out" } })).toBe(1);
    }
  });

  it("leaves a customer's other sessions alone, and a stale token cannot sign the current sessions out", async () => {
    const customer = await user("signout-customer@example.com", "CUSTOMER");
    expect(await endStaffSessionsOnSignOut(db.prisma, { userId: customer.id, sessionVersion: 0 })).toBe(false);
    expect(await versionOf(customer.id)).toBe(0);

    const staff = await user("signout-stale@example.com", "STAFF");
    await signOutEverywhere(db.prisma, staff.id); // now at version 1: a version-0 token is already dead
    expect(await endStaffSessionsOnSignOut(db.prisma, { userId: staff.id, sessionVersion: 0 })).toBe(false);
    expect(await versionOf(staff.id)).toBe(1);
    expect(await endStaffSessionsOnSignOut(db.prisma, { userId: "no-such-user", sessionVersion: 0 })).toBe(false);
  });
});

describe("signing in, behind the password-guessing limits", () => {
  const password = "owner-password-1";
  let owner: string;

  beforeAll(async () => {
    const created = await createCustomerAccount(db.prisma, signUpInput.parse({ email: "owner@example.com", password }));
    owner = created.email;
  });

  function setup() {
    let clock = 1_000_000;
    const sleeps: number[] = [];
    const now = () => clock;
    const throttle = createSignInThrottle(createMemoryLimiter({ now }), {
      now,
      sleep: async (ms) => void sleeps.push(ms),
    });
    const signIn = (ip: string, secret: string, email = owner) =>
      authenticate(db.prisma, throttle, { email, password: secret, ip });
    return { sleeps, signIn, advance: (ms: number) => (clock += ms) };
  }

  it("lets the owner in with the right password during an attack from other addresses: slowed, never refused", async () => {
    const { sleeps, signIn } = setup();
    for (let address = 1; address <= 30; address++) {
      for (let n = 0; n < 4; n++) {
        expect(await signIn(`198.51.100.${address}`, `guess-${address}-${n}`)).toEqual({
          ok: false,
          code: "CredentialsSignin",
        });
      }
    }
    const before = sleeps.length;
    const result = await signIn("203.0.113.9", password);
    expect(result).toMatchObject({ ok: true, user: { email: owner, role: "CUSTOMER" } });
    expect(sleeps.slice(before)).toEqual([5_000]);
  });

  it("does not count successful sign-ins (10 in 15 minutes used to lock the owner out)", async () => {
    const { sleeps, signIn, advance } = setup();
    for (let n = 0; n < 25; n++) {
      expect((await signIn("203.0.113.10", password)).ok).toBe(true);
      advance(10_000);
    }
    expect(sleeps).toEqual([]);
    // Failures still count: 5 from this address within a minute, then the 6th is refused, with a code
    // the form turns into a sentence (never text of its own).
    for (let n = 0; n < 5; n++) expect(await signIn("203.0.113.10", "wrong-password")).toMatchObject({ ok: false });
    expect(await signIn("203.0.113.10", password)).toEqual({ ok: false, code: "RateLimited:60" });
  });

  it("slows repeated failures from one address more and more, without checking them any less", async () => {
    const { sleeps, signIn } = setup();
    for (let n = 0; n < 5; n++) {
      expect(await signIn("203.0.113.11", "Wrong-Password")).toEqual({ ok: false, code: "CredentialsSignin" });
    }
    expect(sleeps).toEqual([1_000, 2_000]);
    // An unknown email is counted and answered like a wrong password.
    expect(await signIn("203.0.113.12", "whatever-1", "nobody@example.com")).toEqual({
      ok: false,
      code: "CredentialsSignin",
    });
  });
});
