// Money is stored as integer minor units plus an ISO 4217 currency code. This module is the only place
// that turns those integers into text, so rounding and currency exponents are decided once.

// ISO 4217 exponents that differ from the usual 2. Intl's own fraction digits come from CLDR, which
// disagrees with ISO 4217 for some currencies (CLDR shows HUF with 0 digits while amounts are stored in
// fillér), so we pick the exponent from the standard and tell Intl to show exactly that many digits.
const ZERO_DECIMAL = new Set([
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "ISK",
  "JPY",
  "KMF",
  "KRW",
  "PYG",
  "RWF",
  "UGX",
  "UYI",
  "VND",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
]);
const THREE_DECIMAL = new Set(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]);

export const DEFAULT_LOCALE = "en-US";

/** Number of minor-unit digits of a currency (USD 2, JPY 0, KWD 3). */
export function currencyExponent(currency: string): number {
  const code = currency.toUpperCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

// Building an Intl.NumberFormat is far slower than using one; a listing formats hundreds of prices.
const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const digits = currencyExponent(currency);
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Formats integer minor units for display: formatMoney(1999, "USD") -> "$19.99",
 * formatMoney(1999, "JPY") -> "¥1,999". Throws on a non-integer amount: that is a bug upstream.
 */
export function formatMoney(amountMinor: number, currency: string, locale: string = DEFAULT_LOCALE): string {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new TypeError(`formatMoney expects integer minor units, got ${amountMinor}`);
  }
  const code = currency.toUpperCase();
  // Dividing a safe integer by a power of ten and letting Intl round to the same number of digits
  // always lands on the exact decimal, because Intl rounds the nearest double half-expand.
  const major = amountMinor / 10 ** currencyExponent(code);
  return formatterFor(code, locale).format(major);
}

/**
 * Minor units as a plain decimal string ("19.99", "1999" for JPY, "-0.05"), built with integer
 * arithmetic only: schema.org offers and payment providers want the exact value, never a float.
 */
export function toDecimalString(amountMinor: number, currency: string): string {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new TypeError(`toDecimalString expects integer minor units, got ${amountMinor}`);
  }
  const digits = currencyExponent(currency);
  const sign = amountMinor < 0 ? "-" : "";
  const abs = Math.abs(amountMinor).toString();
  if (digits === 0) return sign + abs;
  const padded = abs.padStart(digits + 1, "0");
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** The store's one selling currency (STORE_CURRENCY, USD by default), as an upper-case ISO 4217 code. */
export function storeCurrency(): string {
  return (process.env.STORE_CURRENCY ?? "USD").toUpperCase();
}
