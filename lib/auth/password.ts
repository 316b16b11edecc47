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

function cost(): number {
  const value = Number(process.env.BCRYPT_COST ?? 12);
  return Number.isInteger(value) && value >= 4 && value <= 15 ? value : 12;
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, cost());
}

// A real hash of a random string: verifying against it when the account does not exist takes as long as a
// real check, so response times do not reveal which emails have accounts.
const DUMMY_HASH = "$2b$12$wrsPmqjOAGKxe0vLJ8kSsORm2Z/u6r5jSirIBRCf72as7.SIHbqna";

export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) {
    await bcrypt.compare(password, DUMMY_HASH).catch(() => false);
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
