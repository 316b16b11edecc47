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

/**
 * How a price shows its currency (Intl.NumberFormat's currencyDisplay), chosen in /admin/settings:
 * "CA$12.00", "$12.00", "CAD 12.00". Never held here: every caller passes the display it read with the
 * store settings for its own request or email (lib/settings/money-format.ts, components/money-display.tsx),
 * so a change cannot leave a stale value behind in a process or a browser.
 */
export const CURRENCY_DISPLAYS = ["symbol", "narrowSymbol", "code"] as const;
export type CurrencyDisplay = (typeof CURRENCY_DISPLAYS)[number];
/** The display before an administrator chose one, and for messages written outside a page. */
export const DEFAULT_CURRENCY_DISPLAY: CurrencyDisplay = "symbol";

export function isCurrencyDisplay(value: unknown): value is CurrencyDisplay {
  return (CURRENCY_DISPLAYS as readonly unknown[]).includes(value);
}

export interface MoneyFormat {
  locale?: string;
  display?: CurrencyDisplay;
}

/** The store's currency and how it shows, for labels made far from a page (search's price facets). */
export interface MoneyStyle {
  currency: string;
  display: CurrencyDisplay;
}

/** Formats minor units in a given display: what pages and emails call after reading the setting. */
export type FormatMoney = (amountMinor: number, currency: string) => string;

/** Number of minor-unit digits of a currency (USD 2, JPY 0, KWD 3). */
export function currencyExponent(currency: string): number {
  const code = currency.toUpperCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

// Building an Intl.NumberFormat is far slower than using one; a listing formats hundreds of prices.
const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string, locale: string, display: CurrencyDisplay): Intl.NumberFormat {
  const key = `${locale}|${currency}|${display}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const digits = currencyExponent(currency);
    formatter = new Intl.NumberFormat(locale, {
      style: "currency",
      currency,
      currencyDisplay: display,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Formats integer minor units for display: formatMoney(1999, "USD") -> "$19.99",
 * formatMoney(1999, "JPY") -> "¥1,999", formatMoney(1999, "USD", { display: "code" }) -> "USD 19.99".
 * `format` names the display (default: symbol) and the locale (or is the locale). Throws on a non-integer
 * amount: that is a bug upstream.
 */
export function formatMoney(amountMinor: number, currency: string, format: string | MoneyFormat = {}): string {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new TypeError(`formatMoney expects integer minor units, got ${amountMinor}`);
  }
  const code = currency.toUpperCase();
  // Dividing a safe integer by a power of ten and letting Intl round to the same number of digits
  // always lands on the exact decimal, because Intl rounds the nearest double half-expand.
  const major = amountMinor / 10 ** currencyExponent(code);
  const { locale = DEFAULT_LOCALE, display = DEFAULT_CURRENCY_DISPLAY } =
    typeof format === "string" ? { locale: format } : format;
  return formatterFor(code, locale, display).format(major);
}

/** formatMoney bound to one display, for a page or an email that formats many amounts. */
export function moneyFormatter(display: CurrencyDisplay): FormatMoney {
  return (amountMinor, currency) => formatMoney(amountMinor, currency, { display });
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

/**
 * How one currency's amounts read in one display and locale, worked out once with Intl where it is cheap
 * (on the server) and handed to the browser: there, the first Intl.NumberFormat loads the locale's data,
 * tens of milliseconds of main-thread time in the middle of hydrating the product cards' prices.
 */
export interface MoneyPattern {
  currency: string;
  /** Text before and after the number, for amounts >= 0 and < 0 ("$" and "", "-$" and ""). */
  positive: [string, string];
  negative: [string, string];
  group: string;
  decimal: string;
}

/** The pattern formatMoney follows for this currency, display and locale. */
export function moneyPattern(currency: string, format: MoneyFormat = {}): MoneyPattern {
  const code = currency.toUpperCase();
  const { locale = DEFAULT_LOCALE, display = DEFAULT_CURRENCY_DISPLAY } = format;
  const formatter = formatterFor(code, locale, display);
  const affixes = (value: number): [string, string] => {
    const parts = formatter.formatToParts(value);
    const isNumber = (type: string) => ["integer", "group", "decimal", "fraction"].includes(type);
    const first = parts.findIndex((part) => isNumber(part.type));
    const last = parts.findLastIndex((part) => isNumber(part.type));
    const text = (from: number, to: number) =>
      parts
        .slice(from, to)
        .map((part) => part.value)
        .join("");
    return [text(0, first), text(last + 1, parts.length)];
  };
  // 1234567 with a fraction shows both separators in every locale that has them.
  const sample = formatter.formatToParts(1234567.5);
  return {
    currency: code,
    positive: affixes(1),
    negative: affixes(-1),
    group: sample.find((part) => part.type === "group")?.value ?? "",
    decimal: sample.find((part) => part.type === "decimal")?.value ?? ".",
  };
}

/**
 * formatMoney by a pattern, with string arithmetic only (the same text, see tests/unit/money.test.ts).
 * Groups of three digits: the grouping of every locale a pattern is made for here (en-US).
 */
export function formatMoneyByPattern(amountMinor: number, pattern: MoneyPattern): string {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new TypeError(`formatMoney expects integer minor units, got ${amountMinor}`);
  }
  const digits = currencyExponent(pattern.currency);
  const padded = Math.abs(amountMinor)
    .toString()
    .padStart(digits + 1, "0");
  const whole = padded.slice(0, padded.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, pattern.group);
  const number = digits > 0 ? `${whole}${pattern.decimal}${padded.slice(-digits)}` : whole;
  // Intl writes -0 with its sign.
  const [before, after] = amountMinor < 0 || Object.is(amountMinor, -0) ? pattern.negative : pattern.positive;
  return `${before}${number}${after}`;
}
