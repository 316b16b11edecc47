// Links sent by email that let their holder act on an account once: reset the password, verify the email.
//
// A link carries `<row id>.<secret>`: the secret is 32 random bytes (base64url, 43 characters) and only its
// SHA-256 is stored, so the table alone opens nothing. The row is found by its id, never by the secret,
// and the hashes are compared in constant time. A token works once: it is spent by one conditional update
// (`usedAt IS NULL AND expiresAt > now`) checked by its row count, so of two requests racing with the same
// link exactly one succeeds, and the spending happens in the transaction of the change it allows.
//
// Tokens are minted when their email is rendered (lib/email/account-emails.ts), like order links: the raw
// secret exists only in the email. A retried or re-rendered email (the demo mailbox renders on every
// view) mints another token for the same request, with the same expiry; using any of them spends all of
// the account's tokens of that purpose.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AccountTokenPurpose } from "@/lib/generated/prisma/enums";

export type { AccountTokenPurpose };

const SECRET_BYTES = 32;
/** `<cuid2 id>.<base64url of 32 bytes>`; anything else is refused before the database is asked. */
const TOKEN_PATTERN = /^([a-z0-9]{10,40})\.([A-Za-z0-9_-]{43})$/;

type TokenWriter = Pick<Prisma.TransactionClient, "accountToken">;

function secretHash(secret: string): Buffer {
  return createHash("sha256").update(secret, "utf8").digest();
}

/** Creates a token and returns the value to put in a link (never stored). */
export async function mintAccountToken(
  db: TokenWriter,
  input: { userId: string; purpose: AccountTokenPurpose; expiresAt: Date },
): Promise<string> {
  const secret = randomBytes(SECRET_BYTES).toString("base64url");
  const row = await db.accountToken.create({
    data: { ...input, tokenHash: secretHash(secret).toString("hex") },
    select: { id: true },
  });
  return `${row.id}.${secret}`;
}

/** Whether a value has the shape of a token (cheap, for pages and schemas). */
export function isAccountTokenShape(value: unknown): value is string {
  return typeof value === "string" && TOKEN_PATTERN.test(value);
}

/**
 * The token a link names when its secret is right (whether or not it can still be used); null for anything
 * else (malformed, unknown id, wrong secret, other purpose), all alike.
 */
export async function findAccountToken(
  db: TokenWriter,
  token: unknown,
  purpose: AccountTokenPurpose,
  now: Date = new Date(),
): Promise<{ id: string; userId: string; usable: boolean } | null> {
  const match = typeof token === "string" ? TOKEN_PATTERN.exec(token) : null;
  if (!match) return null;
  const [, id, secret] = match;
  const row = await db.accountToken.findUnique({
    where: { id },
    select: { id: true, userId: true, purpose: true, tokenHash: true, expiresAt: true, usedAt: true },
  });
  // Hash the secret whether or not the row exists, so an unknown id costs the same.
  const presented = secretHash(secret!);
  const stored = row ? Buffer.from(row.tokenHash, "hex") : Buffer.alloc(presented.length);
  const secretMatches = stored.length === presented.length && timingSafeEqual(stored, presented);
  if (!row || !secretMatches || row.purpose !== purpose) return null;
  return { id: row.id, userId: row.userId, usable: row.usedAt === null && row.expiresAt > now };
}

/** The account a token lets act, while it is unused and unexpired; null otherwise. Spends nothing. */
export async function findUsableToken(
  db: TokenWriter,
  token: unknown,
  purpose: AccountTokenPurpose,
  now: Date = new Date(),
): Promise<{ id: string; userId: string } | null> {
  const found = await findAccountToken(db, token, purpose, now);
  return found?.usable ? { id: found.id, userId: found.userId } : null;
}

/**
 * Spends a token inside the caller's transaction and returns its account, or null when it cannot be used.
 * The update is conditional (unused and unexpired at this moment) and checked by its row count: of
 * concurrent callers with one token, one gets the account and the others null. Every other unused token
 * of the account for the same purpose is spent with it (older links, and other renderings of this one).
 */
export async function spendAccountToken(
  tx: TokenWriter,
  token: unknown,
  purpose: AccountTokenPurpose,
  now: Date = new Date(),
): Promise<string | null> {
  const usable = await findUsableToken(tx, token, purpose, now);
  if (!usable) return null;
  const { count } = await tx.accountToken.updateMany({
    where: { id: usable.id, purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count !== 1) return null;
  await tx.accountToken.updateMany({
    where: { userId: usable.userId, purpose, usedAt: null },
    data: { usedAt: now },
  });
  return usable.userId;
}

/** Spends every unused token of the account for a purpose (a password changed another way, say). */
export async function spendAllAccountTokens(
  db: Pick<Db, "accountToken"> | TokenWriter,
  userId: string,
  purpose: AccountTokenPurpose,
  now: Date = new Date(),
): Promise<void> {
  await db.accountToken.updateMany({ where: { userId, purpose, usedAt: null }, data: { usedAt: now } });
}
