import { describe, expect, it } from "vitest";
import {
  CURRENCY_DISPLAYS,
  currencyExponent,
  formatMoney,
  formatMoneyByPattern,
  moneyFormatter,
  moneyPattern,
  toDecimalString,
  type CurrencyDisplay,
} from "@/lib/money";

// Intl separates the symbol from the amount with a narrow no-break space in some locales; compare on
// normalised spaces so the tests check digits and rounding, not typography.
const normalise = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

describe("formatMoney", () => {
  it.each<[number, string, string]>([
    [0, "USD", "$0.00"],
    [1, "USD", "$0.01"],
    [5, "USD", "$0.05"],
    [99, "USD", "$0.99"],
    [100, "USD", "$1.00"],
    [1999, "USD", "$19.99"],
    [123456789, "USD", "$1,234,567.89"],
    [-250, "USD", "-$2.50"],
    [1999, "usd", "$19.99"],
    [1999, "EUR", "€19.99"],
    [1999, "GBP", "£19.99"],
    // Zero-decimal currencies: the minor unit is the yen itself.
    [0, "JPY", "¥0"],
    [1999, "JPY", "¥1,999"],
    [1, "JPY", "¥1"],
    [1999, "KRW", "₩1,999"],
    // Three-decimal currencies.
    [1999, "KWD", "KWD 1.999"],
    [1, "BHD", "BHD 0.001"],
  ])("%d %s -> %s", (amount, currency, expected) => {
    expect(normalise(formatMoney(amount, currency))).toBe(expected);
  });

  it("formats in another locale", () => {
    expect(normalise(formatMoney(123456, "EUR", "de-DE"))).toBe("1.234,56 €");
  });

  it.each([19.99, 0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])(
    "refuses non-integer or unsafe amount %d",
    (amount) => {
      expect(() => formatMoney(amount, "USD")).toThrow(TypeError);
    },
  );
});

describe("formatMoney in a currency display", () => {
  // CAD tells the three apart in en-US: its symbol is "CA$", its narrow symbol "$".
  it.each<[CurrencyDisplay, number, string, string]>([
    ["symbol", 1234, "USD", "$12.34"],
    ["symbol", 1200, "CAD", "CA$12.00"],
    ["symbol", -250, "EUR", "-€2.50"],
    ["narrowSymbol", 1200, "USD", "$12.00"],
    ["narrowSymbol", 1200, "CAD", "$12.00"],
    ["narrowSymbol", 1999, "JPY", "¥1,999"],
    ["code", 1234, "USD", "USD 12.34"],
    ["code", 1200, "CAD", "CAD 12.00"],
    ["code", 1999, "JPY", "JPY 1,999"],
    ["code", 1999, "KWD", "KWD 1.999"],
    ["code", -250, "USD", "-USD 2.50"],
  ])("%s: %d %s -> %s", (display, amount, currency, expected) => {
    expect(normalise(formatMoney(amount, currency, { display }))).toBe(expected);
    expect(normalise(moneyFormatter(display)(amount, currency))).toBe(expected);
  });

  it("a display used once leaves nothing behind: without one, the symbol", () => {
    expect(normalise(moneyFormatter("code")(1234, "USD"))).toBe("USD 12.34");
    expect(formatMoney(1234, "USD")).toBe("$12.34");
    expect(normalise(formatMoney(123456, "EUR", { locale: "de-DE", display: "code" }))).toBe("1.234,56 EUR");
  });
});

describe("toDecimalString", () => {
  it.each<[number, string, string]>([
    [0, "USD", "0.00"],
    [1, "USD", "0.01"],
    [10, "USD", "0.10"],
    [1999, "USD", "19.99"],
    [100000, "USD", "1000.00"],
    [-5, "USD", "-0.05"],
    [1999, "JPY", "1999"],
    [0, "JPY", "0"],
    [1, "KWD", "0.001"],
    [1999, "KWD", "1.999"],
    [Number.MAX_SAFE_INTEGER, "USD", "90071992547409.91"],
  ])("%d %s -> %s", (amount, currency, expected) => {
    expect(toDecimalString(amount, currency)).toBe(expected);
  });

  it("refuses a float", () => {
    expect(() => toDecimalString(19.99, "USD")).toThrow(TypeError);
  });
});

describe("currencyExponent", () => {
  it.each([
    ["USD", 2],
    ["EUR", 2],
    ["JPY", 0],
    ["jpy", 0],
    ["KWD", 3],
    ["HUF", 2],
  ])("%s -> %d", (currency, digits) => {
    expect(currencyExponent(currency)).toBe(digits);
  });
});

describe("formatMoneyByPattern (the browser's formatter for the store currency)", () => {
  // Exactly formatMoney's text, byte for byte (no space normalising): the browser shows the same price.
  const amounts = [0, -0, 1, 5, 99, 100, 1999, 123456, 100000000, -1, -250, -123456789, 123456789012];
  const currencies = ["USD", "CAD", "EUR", "GBP", "JPY", "KWD", "CHF", "INR", "HUF", "SEK", "usd"];
  it.each(CURRENCY_DISPLAYS.flatMap((display) => currencies.map((currency) => [display, currency] as const)))(
    "%s %s: the same text as formatMoney",
    (display, currency) => {
      const pattern = moneyPattern(currency, { display });
      for (const amount of amounts) {
        expect(formatMoneyByPattern(amount, pattern)).toBe(formatMoney(amount, currency, { display }));
      }
    },
  );

  it("throws on a non-integer amount, like formatMoney", () => {
    expect(() => formatMoneyByPattern(1.5, moneyPattern("USD"))).toThrow(TypeError);
  });
});
