// The store configuration the demo needs besides products: warehouses, shipping rates, tax rates and two
// demo coupons. Rows are inserted with skipDuplicates on their natural keys (location code, zone+method,
// country+region, coupon code), so seeding again never overwrites what an admin has edited since.
import type { Prisma } from "@/lib/generated/prisma/client";
import { US_STATE_NAMES } from "@/lib/pricing/tax-regions";

type Tx = Prisma.TransactionClient;

export const LOCATIONS = [
  // Lower priority allocates first: orders ship from the east coast unless it runs short.
  { code: "WH-EAST", name: "East Coast Warehouse (Newark, NJ)", country: "US", priority: 0 },
  { code: "WH-WEST", name: "West Coast Warehouse (Reno, NV)", country: "US", priority: 1 },
] as const;

export type LocationCode = (typeof LOCATIONS)[number]["code"];
export const LOCATION_CODES: readonly LocationCode[] = LOCATIONS.map((location) => location.code);

const EUROPE = ["GB", "IE", "DE", "FR", "NL", "BE", "LU", "ES", "PT", "IT", "AT", "DK", "SE", "FI", "PL", "CZ"];

/**
 * Shipping zones. Convention: `countries` lists the ISO 3166-1 alpha-2 codes a zone serves, and a zone
 * with an EMPTY list is "rest of world": it serves every country that no other active zone lists for the
 * same method. A lookup therefore tries the zones naming the country first, then the empty one.
 * Prices in cents (USD); `freeOverCents` is compared with the discounted subtotal.
 */
export const SHIPPING_RATES: readonly Prisma.ShippingRateCreateManyInput[] = [
  {
    zone: "domestic",
    countries: ["US"],
    method: "STANDARD",
    name: "Standard shipping",
    priceCents: 595,
    freeOverCents: 7500,
    minDays: 3,
    maxDays: 5,
  },
  {
    zone: "domestic",
    countries: ["US"],
    method: "EXPRESS",
    name: "Express shipping",
    priceCents: 1495,
    minDays: 1,
    maxDays: 2,
  },
  {
    zone: "north-america",
    countries: ["CA", "MX"],
    method: "STANDARD",
    name: "Standard international",
    priceCents: 1295,
    freeOverCents: 15000,
    minDays: 5,
    maxDays: 10,
  },
  {
    zone: "north-america",
    countries: ["CA", "MX"],
    method: "EXPRESS",
    name: "Express international",
    priceCents: 2995,
    minDays: 2,
    maxDays: 4,
  },
  {
    zone: "europe",
    countries: EUROPE,
    method: "STANDARD",
    name: "Standard to Europe",
    priceCents: 1995,
    minDays: 6,
    maxDays: 12,
  },
  {
    zone: "europe",
    countries: EUROPE,
    method: "EXPRESS",
    name: "Express to Europe",
    priceCents: 3995,
    minDays: 3,
    maxDays: 5,
  },
  {
    zone: "world",
    countries: [],
    method: "STANDARD",
    name: "Standard worldwide",
    priceCents: 2995,
    minDays: 10,
    maxDays: 21,
  },
  {
    zone: "world",
    countries: [],
    method: "EXPRESS",
    name: "Express worldwide",
    priceCents: 5995,
    minDays: 4,
    maxDays: 8,
  },
];

// Standard state sales tax rates (2025) in basis points, rounded to a whole basis point (the column is an
// Int). Local taxes are left out, except New York's row, New York City's combined 8.875 %. DEMO RATES:
// a store that sells for real needs a tax service or its accountant, not this table (docs/checkout-and-payments.md).
const US_STATE_RATES_BPS: Readonly<Record<string, number>> = {
  AL: 400,
  AK: 0,
  AZ: 560,
  AR: 650,
  CA: 725,
  CO: 290,
  CT: 635,
  DE: 0,
  DC: 600,
  FL: 600,
  GA: 400,
  HI: 400,
  ID: 600,
  IL: 625,
  IN: 700,
  IA: 600,
  KS: 650,
  KY: 600,
  LA: 500,
  ME: 550,
  MD: 600,
  MA: 625,
  MI: 600,
  MN: 688,
  MS: 700,
  MO: 423,
  MT: 0,
  NE: 550,
  NV: 685,
  NH: 0,
  NJ: 663,
  NM: 488,
  NY: 888,
  NC: 475,
  ND: 500,
  OH: 575,
  OK: 450,
  OR: 0,
  PA: 600,
  RI: 700,
  SC: 600,
  SD: 420,
  TN: 700,
  TX: 625,
  UT: 610,
  VT: 600,
  VA: 530,
  WA: 650,
  WV: 600,
  WI: 500,
  WY: 400,
};

/**
 * Tax rates in basis points (725 = 7.25 %). Region "" is the whole country; a region row overrides it.
 * Every US state and DC has a row (0 for the five without a sales tax, so the checkout can say so), and
 * every country the store ships to in Europe has its standard VAT rate. Countries without a row are
 * untaxed at checkout. Demo rates, not tax advice.
 */
export const TAX_RATES: readonly Prisma.TaxRateCreateManyInput[] = [
  ...Object.entries(US_STATE_RATES_BPS).map(([region, rateBps]) => ({
    country: "US",
    region,
    rateBps,
    name: `${US_STATE_NAMES[region] ?? region} sales tax`,
  })),
  { country: "CA", region: "", rateBps: 500, name: "GST" },
  { country: "CA", region: "ON", rateBps: 1300, name: "HST" },
  { country: "CA", region: "NS", rateBps: 1400, name: "HST" },
  { country: "CA", region: "BC", rateBps: 1200, name: "GST + PST" },
  { country: "MX", region: "", rateBps: 1600, name: "IVA" },
  { country: "GB", region: "", rateBps: 2000, name: "VAT" },
  { country: "IE", region: "", rateBps: 2300, name: "VAT" },
  { country: "DE", region: "", rateBps: 1900, name: "MwSt." },
  { country: "FR", region: "", rateBps: 2000, name: "TVA" },
  { country: "NL", region: "", rateBps: 2100, name: "BTW" },
  { country: "BE", region: "", rateBps: 2100, name: "TVA/BTW" },
  { country: "LU", region: "", rateBps: 1700, name: "TVA" },
  { country: "ES", region: "", rateBps: 2100, name: "IVA" },
  { country: "IT", region: "", rateBps: 2200, name: "IVA" },
  { country: "PT", region: "", rateBps: 2300, name: "IVA" },
  { country: "AT", region: "", rateBps: 2000, name: "USt." },
  { country: "SE", region: "", rateBps: 2500, name: "Moms" },
  { country: "DK", region: "", rateBps: 2500, name: "Moms" },
  { country: "FI", region: "", rateBps: 2550, name: "ALV" },
  { country: "PL", region: "", rateBps: 2300, name: "VAT" },
  { country: "CZ", region: "", rateBps: 2100, name: "DPH" },
  { country: "AU", region: "", rateBps: 1000, name: "GST" },
];

/** Demo coupons. `value` is basis points for PERCENTAGE and cents for FIXED_AMOUNT (see the schema). */
export const DEMO_COUPONS: readonly Prisma.CouponCreateManyInput[] = [
  {
    code: "WELCOME10",
    description: "10% off orders of $50 or more",
    type: "PERCENTAGE",
    value: 1000,
    minSubtotalCents: 5000,
    perCustomerLimit: 1,
  },
  { code: "SAVE5", description: "$5 off your order", type: "FIXED_AMOUNT", value: 500 },
];

/** Inserts missing demo locations and returns every demo location's id by code. */
export async function ensureLocations(tx: Tx): Promise<Record<LocationCode, string>> {
  await tx.location.createMany({ data: LOCATIONS.map((location) => ({ ...location })), skipDuplicates: true });
  const rows = await tx.location.findMany({
    where: { code: { in: [...LOCATION_CODES] } },
    select: { id: true, code: true },
  });
  const ids = Object.fromEntries(rows.map((row) => [row.code, row.id])) as Partial<Record<LocationCode, string>>;
  const east = ids["WH-EAST"];
  const west = ids["WH-WEST"];
  if (!east || !west) throw new Error("Demo locations are missing after insert");
  return { "WH-EAST": east, "WH-WEST": west };
}

export interface StoreConfigCounts {
  shippingRates: number;
  taxRates: number;
  coupons: number;
}

/** Shipping rates, tax rates and coupons that do not exist yet; returns how many were created. */
export async function seedStoreConfiguration(tx: Tx): Promise<StoreConfigCounts> {
  const shippingRates = await tx.shippingRate.createMany({ data: [...SHIPPING_RATES], skipDuplicates: true });
  const taxRates = await tx.taxRate.createMany({ data: [...TAX_RATES], skipDuplicates: true });
  const coupons = await tx.coupon.createMany({ data: [...DEMO_COUPONS], skipDuplicates: true });
  return { shippingRates: shippingRates.count, taxRates: taxRates.count, coupons: coupons.count };
}
