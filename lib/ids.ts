// Ids for rows inserted with raw SQL (the seed's bulk inserts, checkout's order insert). The schema's ids are cuid2 strings that Prisma makes on the
// client; bulk inserts (createMany with relations, INSERT ... SELECT unnest) must know the ids before
// the rows exist, so we make ids of the same shape ourselves: 24 characters, a leading letter, then
// lowercase base36, all from the OS CSPRNG (about 120 bits), so they stay unguessable like cuid2's.
import { randomFillSync } from "node:crypto";

const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";
const LETTERS = "abcdefghijklmnopqrstuvwxyz";
export const ID_LENGTH = 24;

// Random bytes are drawn in blocks: one syscall per id would dominate a 5-million-row synthetic seed.
const pool = Buffer.alloc(64 * 1024);
let cursor = pool.length;

function randomByte(): number {
  if (cursor >= pool.length) {
    randomFillSync(pool);
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
