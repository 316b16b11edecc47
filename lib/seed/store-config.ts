// The store configuration the demo needs besides products: warehouses, shipping rates, tax rates and two
// demo coupons. Rows are inserted with skipDuplicates on their natural keys (location code, zone+method,
// country+region, coupon code), so seeding again never overwrites what an admin has edited since.
import type { Prisma } from "@/lib/generated/prisma/client";

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

/**
 * Tax rates in basis points (725 = 7.25 %). Region "" is the whole country; a region row overrides it.
 * US rows are state rates (New York's row is New York City's combined 8.875 %, rounded to a whole basis
 * point because the column is an Int); US states without a row are untaxed, as are countries without one.
 */
export const TAX_RATES: readonly Prisma.TaxRateCreateManyInput[] = [
  { country: "US", region: "CA", rateBps: 725, name: "California sales tax" },
  { country: "US", region: "NY", rateBps: 888, name: "New York sales tax" },
  { country: "US", region: "TX", rateBps: 625, name: "Texas sales tax" },
  { country: "US", region: "WA", rateBps: 650, name: "Washington sales tax" },
  { country: "US", region: "IL", rateBps: 625, name: "Illinois sales tax" },
  { country: "US", region: "MA", rateBps: 625, name: "Massachusetts sales tax" },
  { country: "US", region: "PA", rateBps: 600, name: "Pennsylvania sales tax" },
  { country: "US", region: "FL", rateBps: 600, name: "Florida sales tax" },
  { country: "US", region: "NJ", rateBps: 663, name: "New Jersey sales tax" },
  { country: "US", region: "NV", rateBps: 685, name: "Nevada sales tax" },
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
  { country: "ES", region: "", rateBps: 2100, name: "IVA" },
  { country: "IT", region: "", rateBps: 2200, name: "IVA" },
  { country: "PT", region: "", rateBps: 2300, name: "IVA" },
  { country: "AT", region: "", rateBps: 2000, name: "USt." },
  { country: "SE", region: "", rateBps: 2500, name: "Moms" },
  { country: "DK", region: "", rateBps: 2500, name: "Moms" },
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
