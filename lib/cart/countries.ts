// Countries the checkout offers. Shipping zones decide prices; this list decides what a shopper can pick
// (a country outside every listed zone ships with the "world" rates).
export const CHECKOUT_COUNTRIES = [
  "US",
  "CA",
  "MX",
  "GB",
  "IE",
  "DE",
  "FR",
  "NL",
  "BE",
  "ES",
  "IT",
  "AT",
  "DK",
  "SE",
  "FI",
  "PL",
  "PT",
  "CH",
  "NO",
  "AU",
  "NZ",
  "JP",
] as const;

const names = new Intl.DisplayNames(["en"], { type: "region" });

export function countryName(code: string): string {
  return names.of(code) ?? code;
}
