// Ids for rows inserted with raw SQL (the seed's bulk inserts, checkout's order insert). The schema's ids are cuid2 strings that Prisma makes on the
// client; bulk inserts (createMany with relations, INSERT ... SELECT unnest) must know the ids before
// the rows exist, so we make ids of the same shape ourselves: 24 characters, a leading letter, then
// lowercase base36, all from the OS CSPRNG (about 120 bits), so they stay unguessable like cuid2's.
import { z } from "zod";

const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
const LETTERS = "abcdefghijklmnopqrstuvwxyz";
export const ID_LENGTH = 24;

// Random bytes are drawn in blocks: one syscall per id would dominate a 5-million-row synthetic seed.
// Web Crypto (global in Node 20 and browsers), not node:crypto: client components import idSchema from
// here, and a node:crypto import would bundle Node's crypto, stream and util polyfills into every page
// (450 KB, and a probe that breaks the Content-Security-Policy). 65,536 bytes is getRandomValues' limit.
const pool = new Uint8Array(64 * 1024);
let cursor = pool.length;

function randomByte(): number {
  if (cursor >= pool.length) {
    crypto.getRandomValues(pool);
    cursor = 0;
  }
  return pool[cursor++] as number;
}

/** A new random id in cuid2's shape. Rejection sampling keeps every character uniform. */
export function newId(): string {
  let byte = randomByte();
  while (byte >= 234) byte = randomByte(); // 234 = 9 * 26
  let id = LETTERS[byte % 26] as string;
  while (id.length < ID_LENGTH) {
    byte = randomByte();
    if (byte < 252) id += DIGITS[byte % 36]; // 252 = 7 * 36
  }
  return id;
}

/** Ids are cuid2 strings; this shape keeps junk (quotes, NUL bytes, megabytes) out of queries and logs. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The one schema of a record id in a form, a URL or an action's argument (trimmed). `missing` is shown
 * for an absent or blank value, `invalid` for anything that is not an id; a form names them for its field
 * ("Choose a location." / "Unknown location.").
 */
export function idSchema({
  missing = "Missing id.",
  invalid = "Invalid id.",
}: { missing?: string; invalid?: string } = {}) {
  return z.string({ error: missing }).trim().min(1, missing).regex(ID_PATTERN, invalid);
}

/** An id field that may be left empty (a record not saved yet, no parent): empty is null. */
export function optionalIdSchema(messages: { missing?: string; invalid?: string } = {}) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value) => value || null)
    .pipe(idSchema(messages).nullable());
}
