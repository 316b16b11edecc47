// Password reset, email verification and the address book against a real database: the reset email and
// its single-use, 30-minute link (the same answer and work for an unknown email, expiry, two concurrent
// resets with one link, every session ended), verification after sign-up, and address ownership.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { changePassword, createCustomerAccount, ensureAdminAccount } from "@/lib/auth/accounts";
import { createStaffAccount } from "@/lib/auth/users-admin";
import { findUsableToken, isAccountTokenShape } from "@/lib/auth/account-tokens";
import {
  PASSWORD_RESET_TTL_MS,
  requestPasswordReset,
  resetPassword,
  resetPasswordInput,
} from "@/lib/auth/password-reset";
import { enqueueVerificationEmail, resendVerificationEmail, verifyEmail } from "@/lib/auth/email-verification";
import { EMAIL_VERIFICATION_TOPIC, PASSWORD_RESET_TOPIC } from "@/lib/outbox/topics";
import { renderEmailEvent } from "@/lib/email/outbox-handlers";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import {
  deleteAddress,
  listAddresses,
  MAX_ADDRESSES,
  saveAddress,
  saveAddressInput,
  setDefaultAddress,
} from "@/lib/account/addresses";
import { UserError } from "@/lib/errors";

process.env.BCRYPT_COST = "4";

let db: TestDatabase;

async function expectUserError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
}

let counter = 0;
async function customer(options: { verified?: boolean } = {}) {
  counter += 1;
  return db.prisma.user.create({
    data: {
      email: `shopper-${counter}-${Date.now()}@example.com`,
      passwordHash: await hashPassword("old-password-123"),
      emailVerified: options.verified === false ? null : new Date(),
    },
  });
}

async function events(topic: string) {
  return db.prisma.outboxEvent.findMany({ where: { topic }, orderBy: { createdAt: "asc" } });
}

/** Renders a queued email the way the worker and /dev/mail do, and returns it with the token of its link. */
async function render(event: { topic: string; payload: unknown }) {
  const email = await renderEmailEvent(db.prisma, event.topic, event.payload);
  const token = email ? decodeURIComponent(/[?&]token=([^\s"&<]+)/.exec(email.text)?.[1] ?? "") : null;
  return { email, token };
}

async function resetEmailFor(address: string) {
  const [event] = (await events(PASSWORD_RESET_TOPIC)).filter(
    (entry) => (entry.payload as { email?: string }).email === address,
  );
  expect(event).toBeDefined();
  return render(event!);
}

beforeAll(async () => {
  db = await createTestDatabase("account_recovery");
});

afterAll(async () => {
  await db?.drop();
});

describe("password reset", () => {
  it("answers and works the same for an unknown email: one queued email either way, sent only to an account", async () => {
    const user = await customer();
    const before = (await events(PASSWORD_RESET_TOPIC)).length;
    const unknown = `nobody-${Date.now()}@example.com`;
    const known = await requestPasswordReset(db.prisma, ` ${user.email.toUpperCase()} `);
    const missing = await requestPasswordReset(db.prisma, unknown);
    expect(known).toBe(missing); // both undefined: nothing tells them apart
    const queued = (await events(PASSWORD_RESET_TOPIC)).slice(before);
    expect(queued.map((event) => (event.payload as { email: string }).email)).toEqual([user.email, unknown]);

    const sent = await resetEmailFor(user.email);
    expect(sent.email?.to).toBe(user.email);
    expect(sent.email?.subject).toMatch(/reset your password/);
    expect(isAccountTokenShape(sent.token)).toBe(true);
    // The unknown address gets no email, and no token exists for it.
    expect((await render(queued[1]!)).email).toBeNull();
    // Only the hash of the secret is stored.
    const [, secret] = sent.token!.split(".");
    const stored = await db.prisma.accountToken.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(secret);
  });

  it("sets the new password once, ends every session, clears mustChangePassword and verifies the email", async () => {
    const user = await db.prisma.user.update({
      where: { id: (await customer({ verified: false })).id },
      data: { mustChangePassword: true, sessionVersion: 7 },
    });
    await requestPasswordReset(db.prisma, user.email);
    const { token } = await resetEmailFor(user.email);
    const result = await resetPassword(db.prisma, { token: token!, password: "brand-new-password-1" });
    expect(result.email).toBe(user.email);
    const after = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(await verifyPassword("brand-new-password-1", after.passwordHash)).toBe(true);
    expect(after.sessionVersion).toBe(8); // every token issued with version 7 is refused from now on
    expect(after.mustChangePassword).toBe(false);
    expect(after.emailVerified).not.toBeNull();
    expect(await db.prisma.auditLog.count({ where: { entityId: user.id, action: "user.password_reset" } })).toBe(1);

    // Used once: the same link is refused and changes nothing.
    await expectUserError(resetPassword(db.prisma, { token: token!, password: "another-password-2" }), "invalid_link");
    const again = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(await verifyPassword("brand-new-password-1", again.passwordHash)).toBe(true);
    expect(again.sessionVersion).toBe(8);
  });

  it("refuses a link after 30 minutes, and does not send an email whose link would arrive dead", async () => {
    const user = await customer();
    const requestedAt = new Date();
    await requestPasswordReset(db.prisma, user.email, requestedAt);
    const { token } = await resetEmailFor(user.email);
    const justBefore = new Date(requestedAt.getTime() + PASSWORD_RESET_TTL_MS - 1_000);
    const justAfter = new Date(requestedAt.getTime() + PASSWORD_RESET_TTL_MS + 1_000);
    expect(await findUsableToken(db.prisma, token, "PASSWORD_RESET", justBefore)).not.toBeNull();
    await expectUserError(
      resetPassword(db.prisma, { token: token!, password: "too-late-password-1" }, justAfter),
      "invalid_link",
    );
    const after = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(await verifyPassword("old-password-123", after.passwordHash)).toBe(true);

    const old = new Date(Date.now() - PASSWORD_RESET_TTL_MS - 60_000);
    const before = (await events(PASSWORD_RESET_TOPIC)).length;
    await requestPasswordReset(db.prisma, user.email, old);
    const [stale] = (await events(PASSWORD_RESET_TOPIC)).slice(before);
    expect((await render(stale!)).email).toBeNull();
  });

  it("lets exactly one of two concurrent resets with the same link succeed", async () => {
    const user = await customer();
    await requestPasswordReset(db.prisma, user.email);
    const { token } = await resetEmailFor(user.email);
    const outcomes = await Promise.allSettled([
      resetPassword(db.prisma, { token: token!, password: "first-racer-pass-1" }),
      resetPassword(db.prisma, { token: token!, password: "second-racer-pass-2" }),
    ]);
    const won = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const lost = outcomes.filter((outcome) => outcome.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(((lost[0] as PromiseRejectedResult).reason as UserError).code).toBe("invalid_link");
    const after = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id }, omit: { passwordHash: false } });
    expect(after.sessionVersion).toBe(user.sessionVersion + 1); // bumped once, by the winner
    const winner = outcomes[0].status === "fulfilled" ? "first-racer-pass-1" : "second-racer-pass-2";
    expect(await verifyPassword(winner, after.passwordHash)).toBe(true);
    expect(await db.prisma.auditLog.count({ where: { entityId: user.id, action: "user.password_reset" } })).toBe(1);
  });

  it("spends every other reset link of the account with the one used, and a password change spends them all", async () => {
    const user = await customer();
    await requestPasswordReset(db.prisma, user.email);
    const first = await resetEmailFor(user.email);
    const second = await resetEmailFor(user.email); // a re-rendered email: another token, same request
    expect(first.token).not.toBe(second.token);
    await resetPassword(db.prisma, { token: second.token!, password: "second-link-pass-1" });
    await expectUserError(
      resetPassword(db.prisma, { token: first.token!, password: "first-link-pass-2" }),
      "invalid_link",
    );

    const other = await customer();
    await requestPasswordReset(db.prisma, other.email);
    const pending = await resetEmailFor(other.email);
    await changePassword(db.prisma, other.id, {
      currentPassword: "old-password-123",
      newPassword: "changed-in-account-1",
      confirmPassword: "changed-in-account-1",
    });
    await expectUserError(
      resetPassword(db.prisma, { token: pending.token!, password: "reset-after-change-1" }),
      "invalid_link",
    );
  });

  it("refuses malformed tokens, a wrong secret and a verification token", async () => {
    const user = await customer();
    await requestPasswordReset(db.prisma, user.email);
    const { token } = await resetEmailFor(user.email);
    const [id, secret] = token!.split(".");
    const wrongSecret = `${id}.${secret!.slice(0, -1)}${secret!.endsWith("A") ? "B" : "A"}`;
    await expectUserError(
      resetPassword(db.prisma, { token: wrongSecret, password: "wrong-secret-pass-1" }),
      "invalid_link",
    );
    for (const bad of ["", "x", `${id}`, `${id}.short`, "../../etc.passwd", `${"a".repeat(500)}.${secret}`]) {
      expect(
        resetPasswordInput.safeParse({ token: bad, password: "p".repeat(12), confirmPassword: "p".repeat(12) }).success,
      ).toBe(false);
      expect(await findUsableToken(db.prisma, bad, "PASSWORD_RESET")).toBeNull();
    }
    expect(await findUsableToken(db.prisma, token, "EMAIL_VERIFICATION")).toBeNull();
    // The right link still works after all that.
    await resetPassword(db.prisma, { token: token!, password: "right-secret-pass-1" });
  });
});

describe("email verification", () => {
  it("queues a confirmation link with the sign-up; following it verifies the account once", async () => {
    const created = await createCustomerAccount(db.prisma, {
      email: `new-${Date.now()}@example.com`,
      password: "sign-up-password-1",
      name: undefined,
    });
    const user = await db.prisma.user.findUniqueOrThrow({ where: { id: created.id } });
    expect(user.emailVerified).toBeNull();
    const queued = (await events(EMAIL_VERIFICATION_TOPIC)).filter(
      (event) => (event.payload as { userId: string }).userId === created.id,
    );
    expect(queued).toHaveLength(1);
    const { email, token } = await render(queued[0]!);
    expect(email?.to).toBe(created.email);
    expect(email?.text).toContain("/account/verify-email?token=");

    expect(await verifyEmail(db.prisma, token)).toEqual({ email: created.email });
    const verified = await db.prisma.user.findUniqueOrThrow({ where: { id: created.id } });
    expect(verified.emailVerified).not.toBeNull();
    await expectUserError(verifyEmail(db.prisma, token), "invalid_link");
    // Nothing more to send to a verified account.
    expect((await render(queued[0]!)).email).toBeNull();
    expect(await resendVerificationEmail(db.prisma, created.id)).toBe("already_verified");
  });

  it("resends for an unverified account, refuses an expired link, and creates staff verified", async () => {
    const user = await customer({ verified: false });
    const before = (await events(EMAIL_VERIFICATION_TOPIC)).length;
    expect(await resendVerificationEmail(db.prisma, user.id)).toBe("sent");
    const [event] = (await events(EMAIL_VERIFICATION_TOPIC)).slice(before);
    const { token } = await render(event!);
    await expectUserError(verifyEmail(db.prisma, token, new Date(Date.now() + 25 * 60 * 60 * 1000)), "invalid_link");
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerified).toBeNull();
    await verifyEmail(db.prisma, token);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerified).not.toBeNull();

    const admin = await db.prisma.user.create({
      data: { email: `admin-${Date.now()}@example.com`, role: "ADMIN", emailVerified: new Date() },
    });
    const staff = await createStaffAccount(db.prisma, admin, {
      email: `staff-${Date.now()}@example.com`,
      name: undefined,
      role: "STAFF",
    });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: staff.id } })).emailVerified).not.toBeNull();
    await db.prisma.user.deleteMany({ where: { role: "ADMIN" } });
    const first = await ensureAdminAccount(db.prisma, { email: `first-admin-${Date.now()}@example.com` });
    expect((await db.prisma.user.findUniqueOrThrow({ where: { email: first!.email } })).emailVerified).not.toBeNull();
  });

  it("a verification link of one account cannot verify another", async () => {
    const a = await customer({ verified: false });
    const b = await customer({ verified: false });
    await enqueueVerificationEmail(db.prisma, a.id);
    const [event] = (await events(EMAIL_VERIFICATION_TOPIC)).filter(
      (entry) => (entry.payload as { userId: string }).userId === a.id,
    );
    const { token } = await render(event!);
    await verifyEmail(db.prisma, token);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: a.id } })).emailVerified).not.toBeNull();
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: b.id } })).emailVerified).toBeNull();
  });
});

describe("address book", () => {
  const home = {
    firstName: "Ada",
    lastName: "Lovelace",
    line1: "1 Main St",
    city: "Springfield",
    region: "IL",
    postalCode: "62701",
    country: "US",
  };

  it("makes the first address the default, moves the default, and promotes another when the default is deleted", async () => {
    const user = await customer();
    const first = await saveAddress(db.prisma, user.id, home);
    expect(first.isDefault).toBe(true);
    const second = await saveAddress(db.prisma, user.id, { ...home, line1: "2 Side St", makeDefault: true });
    let book = await listAddresses(db.prisma, user.id);
    expect(book.map((entry) => [entry.id, entry.isDefault])).toEqual([
      [second.id, true],
      [first.id, false],
    ]);
    await setDefaultAddress(db.prisma, user.id, first.id);
    book = await listAddresses(db.prisma, user.id);
    expect(book.filter((entry) => entry.isDefault).map((entry) => entry.id)).toEqual([first.id]);
    await deleteAddress(db.prisma, user.id, first.id);
    book = await listAddresses(db.prisma, user.id);
    expect(book.map((entry) => [entry.id, entry.isDefault])).toEqual([[second.id, true]]);
    const edited = await saveAddress(db.prisma, user.id, { ...home, line1: "3 New St", addressId: second.id });
    expect(edited).toMatchObject({ id: second.id, line1: "3 New St", isDefault: true });
  });

  it("never reads, changes or deletes another account's address: it is 'not found' and stays as it was", async () => {
    const owner = await customer();
    const intruder = await customer();
    const address = await saveAddress(db.prisma, owner.id, home);
    const snapshot = await db.prisma.address.findUniqueOrThrow({ where: { id: address.id } });
    await expectUserError(
      saveAddress(db.prisma, intruder.id, { ...home, line1: "Stolen", addressId: address.id }),
      "not_found",
    );
    await expectUserError(deleteAddress(db.prisma, intruder.id, address.id), "not_found");
    await expectUserError(setDefaultAddress(db.prisma, intruder.id, address.id), "not_found");
    expect(await db.prisma.address.findUniqueOrThrow({ where: { id: address.id } })).toEqual(snapshot);
    expect(await listAddresses(db.prisma, intruder.id)).toEqual([]);
    await expectUserError(deleteAddress(db.prisma, owner.id, "no-such-address"), "not_found");
  });

  it("keeps exactly one default under concurrent changes, and at most MAX_ADDRESSES addresses", async () => {
    const user = await customer();
    const ids: string[] = [];
    for (let index = 0; index < MAX_ADDRESSES; index += 1) {
      ids.push((await saveAddress(db.prisma, user.id, { ...home, line1: `${index} Elm St` })).id);
    }
    await expectUserError(saveAddress(db.prisma, user.id, { ...home, line1: "One too many" }), "too_many_addresses");
    await Promise.all(ids.slice(0, 8).map((id) => setDefaultAddress(db.prisma, user.id, id)));
    expect(await db.prisma.address.count({ where: { userId: user.id, isDefault: true } })).toBe(1);
  });

  it("validates with the checkout's rules and a country the checkout ships to", () => {
    expect(saveAddressInput.safeParse({ ...home, makeDefault: "on" }).success).toBe(true);
    const noCity = saveAddressInput.safeParse({ ...home, city: "" });
    expect(noCity.success).toBe(false);
    expect(saveAddressInput.safeParse({ ...home, postalCode: "ABC" }).success).toBe(false);
    expect(saveAddressInput.safeParse({ ...home, country: "KP" }).success).toBe(false);
    expect(saveAddressInput.safeParse({ ...home, addressId: "../../x" }).success).toBe(false);
    expect(saveAddressInput.safeParse({}).success).toBe(false);
  });
});
