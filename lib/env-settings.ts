// Whole-number settings read from the environment (documented in .env.example). A limit that protects
// the store must never be switched off by a typo: a value that is not a whole number in range is
// reported and the (safe) default is used instead.

export type Env = Readonly<Record<string, string | undefined>>;

export function wholeNumberSetting(
  env: Env,
  name: string,
  fallback: number,
  range: { min?: number; max?: number } = {},
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const min = range.min ?? 0;
  const max = range.max ?? 2_147_483_647;
  const value = /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    console.warn(`${name}="${raw}" is not a whole number from ${min} to ${max}; using ${fallback}.`);
    return fallback;
  }
  return value;
}
