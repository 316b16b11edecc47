// Prices typed by a seller ("19.99", "20", "1299.5") into integer minor units, with string arithmetic
// only: parseFloat("19.99") * 100 is 1998.9999999999998, and rounding it hides the bug rather than fixing
// it. Pure and client-safe (the variants grid could reuse it), no server-only import.
import { currencyExponent, toDecimalString } from "@/lib/money";

/** 1,000,000.00 in a two-digit currency: far above any product price and far below PostgreSQL's int4. */
export const MAX_PRICE_MINOR = 100_000_000;

export type MoneyParse = { ok: true; minor: number } | { ok: false; message: string };

// Digits with an optional fraction; a leading "$" or other symbol and thousands separators are refused
// rather than guessed at ("1,299" is 1299 in one locale and 1.299 in another).
const DECIMAL = /^(\d{1,12})(?:\.(\d*))?$/;

/**
 * Parses a decimal amount into minor units of `currency`. More fraction digits than the currency has is
 * an error, not a rounding ("19.999" in USD), so what the seller typed is exactly what is charged.
 */
export function parseMoneyInput(text: string, currency: string): MoneyParse {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, message: "Enter a price." };
  if (trimmed.startsWith("-")) return { ok: false, message: "The price must be more than zero." };
  const digits = currencyExponent(currency);
  const example = digits === 0 ? "1999" : `19.${"9".repeat(digits)}`;
  const match = DECIMAL.exec(trimmed.startsWith(".") ? `0${trimmed}` : trimmed);
  if (!match) return { ok: false, message: `Enter a number like ${example}.` };
  const whole = match[1] ?? "0";
  const fraction = match[2] ?? "";
  if (fraction.length > digits) {
    return {
      ok: false,
      message:
        digits === 0 ? `${currency} prices have no decimals.` : `Use at most ${digits} decimals, like ${example}.`,
    };
  }
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  if (!Number.isSafeInteger(minor) || minor > MAX_PRICE_MINOR) {
    return { ok: false, message: `The price can be at most ${toDecimalString(MAX_PRICE_MINOR, currency)}.` };
  }
  if (minor <= 0) return { ok: false, message: "The price must be more than zero." };
  return { ok: true, minor };
}

/** The compare-at ("was") price must be above the price, or there is no saving to show. Null when fine. */
export function compareAtError(priceMinor: number, compareAtMinor: number | null): string | null {
  return compareAtMinor !== null && compareAtMinor <= priceMinor
    ? "The compare-at price must be higher than the price (or left blank)."
    : null;
}

/** Minor units back into the text a price input shows ("19.99"). */
export function formatMoneyInput(minor: number | null | undefined, currency: string): string {
  return minor == null ? "" : toDecimalString(minor, currency);
}
