// Password hashing with bcrypt (bcryptjs: pure JavaScript, so no native build and no blocked install
// script). Cost 12 by default (~0.25 s here), BCRYPT_COST to tune; tests use a lower cost for speed.
import bcrypt from "bcryptjs";
import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 10;
// bcrypt reads at most 72 bytes; longer passwords would be silently truncated, so they are refused.
export const MAX_PASSWORD_BYTES = 72;

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .refine(
    (value) => Buffer.byteLength(value, "utf8") <= MAX_PASSWORD_BYTES,
    "Use at most 72 bytes (about 70 characters).",
  );

export function bcryptCost(): number {
  const value = Number(process.env.BCRYPT_COST ?? 12);
  return Number.isInteger(value) && value >= 4 && value <= 15 ? value : 12;
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, bcryptCost());
}

// Verifying against a real hash of a random string when the account does not exist takes as long as a real
// check, so response times do not reveal which emails have accounts. It is made at the current
// BCRYPT_COST (once per cost, then kept): a fixed cost-12 hash would answer an unknown email faster or
// slower than a real account hashed at another cost.
const dummyHashes = new Map<number, Promise<string>>();

export function dummyPasswordHash(): Promise<string> {
  const cost = bcryptCost();
  let hash = dummyHashes.get(cost);
  if (!hash) {
    hash = bcrypt.hash(generatePassword(), cost);
    dummyHashes.set(cost, hash);
  }
  return hash;
}

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) {
    await bcrypt.compare(password, await dummyPasswordHash()).catch(() => false);
    return false;
  }
  return bcrypt.compare(password, hash);
}

/** A readable random password for generated accounts (the first admin): 20 chars from a 57-char alphabet. */
export function generatePassword(length = 20): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(length * 2));
  let out = "";
  for (const byte of bytes) {
    // Rejection sampling keeps every character equally likely.
    if (byte < 256 - (256 % alphabet.length)) out += alphabet[byte % alphabet.length];
    if (out.length === length) break;
  }
  return out.length === length ? out : generatePassword(length);
}
