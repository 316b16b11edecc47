import { describe, expect, it, test } from "vitest";
import { UserError } from "@/lib/errors";
import { selectShippingRate, shippingRatesFor, type ShippingRateRow } from "@/lib/pricing/shipping";
import { taxRateFor, type TaxRateRow } from "@/lib/pricing/tax";
import { untaxedNote, US_STATE_NAMES } from "@/lib/pricing/tax-regions";

function rate(
  zone: string,
  countries: string[],
  method: "STANDARD" | "EXPRESS",
  priceCents: number,
  extra: Partial<ShippingRateRow> = {},
): ShippingRateRow {
  return {
    id: `${zone}-${method}`,
    zone,
    countries,
    method,
    name: `${zone} ${method}`,
    priceCents,
    currency: "USD",
    freeOverCents: null,
    minDays: 2,
    maxDays: 5,
    active: true,
    ...extra,
  };
}

const rates: ShippingRateRow[] = [
  rate("world", [], "EXPRESS", 4500),
  rate("world", [], "STANDARD", 1500),
  rate("domestic", ["US"], "EXPRESS", 1500),
  rate("domestic", ["US"], "STANDARD", 599, { freeOverCents: 5000 }),
  rate("europe", ["DE", "FR", "GB"], "STANDARD", 1200),
  rate("canada", ["CA"], "STANDARD", 900),
  rate("canada", ["CA"], "EXPRESS", 2500, { active: false }),
  rate("eur", ["ES"], "STANDARD", 800, { currency: "EUR" }),
];

describe("shippingRatesFor", () => {
  test.each([
    ["US", ["domestic-STANDARD", "domestic-EXPRESS"]],
    ["us", ["domestic-STANDARD", "domestic-EXPRESS"]],
    [" de ", ["europe-STANDARD"]], // a listed country gets only its zone, even without express
    ["CA", ["canada-STANDARD"]], // inactive rates are not offered
    ["JP", ["world-STANDARD", "world-EXPRESS"]], // rest of world
    ["ES", ["world-STANDARD", "world-EXPRESS"]], // its only zone is in another currency: rest of world
  ])("%s -> %j", (country, expected) => {
    expect(shippingRatesFor(rates, country, "USD").map((r) => r.id)).toEqual(expected);
  });

  it("returns nothing when no zone covers the country and there is no rest-of-world zone", () => {
    expect(
      shippingRatesFor(
        rates.filter((r) => r.zone !== "world"),
        "JP",
        "USD",
      ),
    ).toEqual([]);
  });

  it("picks the cheapest rate per method when zones overlap", () => {
    const overlapping = [...rates, rate("promo", ["US"], "STANDARD", 399)];
    expect(shippingRatesFor(overlapping, "US", "USD").map((r) => r.id)).toEqual(["promo-STANDARD", "domestic-EXPRESS"]);
  });
});

describe("selectShippingRate", () => {
  it("finds the chosen method", () => {
    expect(selectShippingRate(rates, "US", "STANDARD", "USD")).toMatchObject({ priceCents: 599, freeOverCents: 5000 });
    expect(selectShippingRate(rates, "JP", "EXPRESS", "USD").priceCents).toBe(4500);
  });

  test.each([
    ["DE", "EXPRESS"],
    ["CA", "EXPRESS"],
  ] as const)("%s %s is unavailable: a UserError", (country, method) => {
    expect(() => selectShippingRate(rates, country, method, "USD")).toThrow(UserError);
    expect(() => selectShippingRate(rates, country, method, "USD")).toThrow(
      "This shipping option is not available for your address.",
    );
  });
});

describe("taxRateFor", () => {
  const taxRows: TaxRateRow[] = [
    { country: "US", region: "", rateBps: 0, name: "US" },
    { country: "US", region: "CA", rateBps: 725, name: "California" },
    { country: "US", region: "NY", rateBps: 400, name: "New York" },
    { country: "DE", region: "", rateBps: 1900, name: "MwSt" },
    { country: "CA", region: "ON", rateBps: 1300, name: "HST" },
  ];

  test.each([
    ["US", "CA", 725, "California"],
    ["us", " ca ", 725, "California"],
    ["US", "TX", 0, "US"], // no region row: the country row
    ["US", null, 0, "US"],
    ["DE", "BY", 1900, "MwSt"],
    ["DE", undefined, 1900, "MwSt"],
    ["CA", "ON", 1300, "HST"], // a region row without a country row
    ["CA", "QC", 0, ""], // neither: 0
    ["JP", "13", 0, ""], // unknown country: 0
  ])("%s / %s -> %s bps", (country, region, rateBps, name) => {
    expect(taxRateFor(taxRows, country, region)).toEqual({ rateBps, name });
  });
});

describe("untaxedNote", () => {
  it("names the US state with no sales tax, and says nothing when tax is charged", () => {
    expect(untaxedNote(0, "US", "OR")).toBe("No sales tax for Oregon.");
    expect(untaxedNote(0, "us", " nh ")).toBe("No sales tax for New Hampshire.");
    expect(untaxedNote(725, "US", "CA")).toBeNull();
    expect(untaxedNote(2000, "GB", "")).toBeNull();
  });

  it("warns of import taxes for a country charged nothing at checkout", () => {
    expect(untaxedNote(0, "JP", null)).toBe(
      "No tax is charged at checkout for Japan; import taxes may be due on delivery.",
    );
  });

  it("knows every state and DC by name", () => {
    expect(Object.keys(US_STATE_NAMES)).toHaveLength(51);
  });
});
