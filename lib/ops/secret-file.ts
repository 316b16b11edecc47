// Secrets the local store generates for itself (the session secret in demo mode, the embedded
// PostgreSQL's password, the embedded Meilisearch's master key) live in files in DATA_DIR that only their
// owner may read (0600), in a directory only its owner may open (0700).
//
// The modes are checked at every start, not only when the file is made: a copy, an unpack or a chmod -R
// can loosen them later. A secret file that group or others could read is fixed (chmod 0600) with a
// warning rather than refused: the store made the file itself, refusing would only stop `npm start`, and
// the warning says how to replace a secret that may have been read (delete the file; a new one is made).
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";

export type Warn = (message: string) => void;

const defaultWarn: Warn = (message) => console.warn(`warning: ${message}`);

/** Group and other bits a private file must not have. */
const LOOSE_FILE_BITS = 0o077;
/** A private directory may let its group traverse it (x), nothing more: the embedded PostgreSQL, run as
 *  its own OS user when the store runs as root, reaches its data through the group (lib/ops/embedded-postgres.ts). */
const LOOSE_DIR_BITS = 0o067;

/** Tightens a secret file to 0600 when group or others have any access; true when it had to. */
export function ensurePrivateFile(file: string, warn: Warn = defaultWarn): boolean {
  const mode = statSync(file).mode & 0o777;
  if ((mode & LOOSE_FILE_BITS) === 0) return false;
  chmodSync(file, 0o600);
  warn(
    `${file} was readable by other users (mode ${mode.toString(8).padStart(4, "0")}); set it to 0600. ` +
      "If someone else may have read it, delete it to have a new secret made.",
  );
  return true;
}

/** Creates the directory (0700), or takes every group and other permission away from an existing one that
 *  grants more than group traversal (a 0755 from mkdir becomes 0700; the embedded PostgreSQL's 0710 stays). */
export function ensurePrivateDir(dir: string, warn: Warn = defaultWarn): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const mode = statSync(dir).mode & 0o777;
  if ((mode & LOOSE_DIR_BITS) === 0) return;
  const tightened = mode & 0o700;
  chmodSync(dir, tightened);
  warn(
    `${dir} was open to other users (mode ${mode.toString(8).padStart(4, "0")}); set it to ${tightened.toString(8).padStart(4, "0")}.`,
  );
}

/**
 * The secret in `file`, made with `generate()` and written with mode 0600 the first time (exclusive create:
 * two processes starting at once agree on one secret). An existing file's mode is checked every time.
 */
export function readOrCreateSecretFile(file: string, generate: () => string, warn: Warn = defaultWarn): string {
  try {
    writeFileSync(file, `${generate()}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    ensurePrivateFile(file, warn);
  }
  const secret = readFileSync(file, "utf8").trim();
  if (!secret) throw new Error(`${file} is empty: delete it to have a new secret made.`);
  return secret;
}
