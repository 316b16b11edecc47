// The demo store's order history as plain data, deterministically: a few hundred orders over the last 90
// days, so the dashboard chart, top products and recommendations show something real on a fresh store.
// Same seed and same `now`, same orders (dates are offsets from `now`, like the rest of the demo).
//
// Baskets are not independent draws: every product has a few companions (other products of its group,
// one of its own brand), and an order's later items are often companions of its first, which is what
// gives "frequently bought together" its pairs. Popularity is skewed, so there are best sellers.
// Statuses follow age: the last days' orders are paid or shipped, older ones delivered; a few were
// cancelled before payment and a few refunded after delivery.
import { CATEGORY_TREE, REVIEWER_FIRST_NAMES } from "./catalog-data";
import { createRandom, type Random } from "@/lib/seeded-random";
import { TAX_RATES, type LocationCode } from "./store-config";
import type { PlannedProduct } from "./generate";

export const DEMO_ORDER_COUNT = 320;
export const ORDER_HISTORY_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

export type PlannedOrderStatus = "PAID" | "FULFILLED" | "DELIVERED" | "REFUNDED" | "CANCELLED";

export interface PlannedOrderLine {
  product: PlannedProduct;
  sku: string;
  variantTitle: string;
  quantity: number;
  unitPriceCents: number;
  taxCents: number;
  totalCents: number;
  /** The warehouse it was sold from (null for an order never paid). */
  location: LocationCode | null;
}

export interface PlannedOrder {
  /** Stable across runs: the checkout token and every derived key. */
  key: string;
  email: string;
  firstName: string;
  lastName: string;
  address: { line1: string; city: string; region: string; postalCode: string };
  status: PlannedOrderStatus;
  createdAt: Date;
  paidAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  refundedAt: Date | null;
  cancelledAt: Date | null;
  shippingMethod: "STANDARD" | "EXPRESS";
  shippingCents: number;
  taxRateBps: number;
  subtotalCents: number;
  taxCents: number;
  totalCents: number;
  lines: PlannedOrderLine[];
}

const LAST_NAMES = ["Garcia", "Okafor", "Lindqvist", "Nguyen", "Patel", "Rossi", "Kowalski", "Haddad", "Moreau"];
const STREETS = ["Maple Ave", "Oak St", "Cedar Ln", "Pine Rd", "Elm St", "Birch Way", "Lakeview Dr", "Hill St"];
const CITIES = [
  { city: "Portland", region: "OR", postalCode: "97205" },
  { city: "Austin", region: "TX", postalCode: "78701" },
  { city: "Denver", region: "CO", postalCode: "80202" },
  { city: "Brooklyn", region: "NY", postalCode: "11201" },
  { city: "Chicago", region: "IL", postalCode: "60607" },
  { city: "Seattle", region: "WA", postalCode: "98101" },
  { city: "Raleigh", region: "NC", postalCode: "27601" },
  { city: "San Diego", region: "CA", postalCode: "92101" },
  { city: "Boston", region: "MA", postalCode: "02108" },
  { city: "Madison", region: "WI", postalCode: "53703" },
] as const;

const groupOf = new Map(CATEGORY_TREE.flatMap((top) => top.children.map((leaf) => [leaf.slug, leaf.group] as const)));

function taxRateBps(region: string): number {
  return TAX_RATES.find((rate) => rate.country === "US" && rate.region === region)?.rateBps ?? 0;
}

/** Each product's companions: two of its group from other categories, one of its brand. */
function planCompanions(random: Random, products: readonly PlannedProduct[]): Map<PlannedProduct, PlannedProduct[]> {
  const companions = new Map<PlannedProduct, PlannedProduct[]>();
  for (const product of products) {
    const group = groupOf.get(product.categorySlug);
    const sameGroup = products.filter(
      (other) => other.categorySlug !== product.categorySlug && groupOf.get(other.categorySlug) === group,
    );
    const sameBrand = products.filter((other) => other !== product && other.brand.slug === product.brand.slug);
    const fork = random.fork(`companions:${product.slug}`);
    companions.set(product, [...fork.sample(sameGroup, 2), ...fork.sample(sameBrand, 1)]);
  }
  return companions;
}

function ageStatus(random: Random, daysAgo: number): PlannedOrderStatus {
  if (random.chance(0.06)) return "CANCELLED";
  if (daysAgo >= 10 && random.chance(0.05)) return "REFUNDED";
  if (daysAgo <= 2) return random.chance(0.6) ? "PAID" : "FULFILLED";
  if (daysAgo <= 7)
    return random.weighted([
      ["PAID", 1],
      ["FULFILLED", 4],
      ["DELIVERED", 5],
    ] as const);
  return "DELIVERED";
}

/** Where a sale of this variant came from: a warehouse that stocks it today, the east one by default. */
function saleLocation(product: PlannedProduct, sku: string): LocationCode {
  const stock = product.variants.find((variant) => variant.sku === sku)?.stock;
  return stock && stock["WH-EAST"] === 0 && stock["WH-WEST"] > 0 ? "WH-WEST" : "WH-EAST";
}

export function planDemoOrders(
  products: readonly PlannedProduct[],
  options: { now: Date; seed: string; count?: number },
): PlannedOrder[] {
  const root = createRandom(options.seed).fork("orders");
  const active = products.filter((product) => product.status === "ACTIVE" && product.publishedAt);
  // Popularity: a long tail behind a few best sellers.
  const weights = new Map(
    root
      .fork("popularity")
      .shuffle(active)
      .map((product, rank) => [product, 1 / (rank + 3) ** 0.9]),
  );
  const companions = planCompanions(root, active);
  const shoppers = Array.from({ length: 180 }, (_, index) => {
    const random = root.fork(`shopper:${index}`);
    const firstName = random.pick(REVIEWER_FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const place = random.pick(CITIES);
    return {
      firstName,
      lastName,
      email: `${firstName}.${lastName}.${index + 1}@example.com`.toLowerCase(),
      address: { line1: `${random.int(10, 990)} ${random.pick(STREETS)}`, ...place },
    };
  });

  const orders: PlannedOrder[] = [];
  for (let index = 0; index < (options.count ?? DEMO_ORDER_COUNT); index++) {
    const random = root.fork(`order:${index}`);
    // More orders lately: the store is growing.
    const daysAgo = Math.min(ORDER_HISTORY_DAYS - 1, Math.floor(random.next() ** 1.3 * ORDER_HISTORY_DAYS));
    const createdAt = new Date(options.now.getTime() - daysAgo * DAY_MS - random.int(HOUR_MS, DAY_MS - 1));
    const available = active.filter((product) => (product.publishedAt?.getTime() ?? Infinity) < createdAt.getTime());
    if (available.length === 0) continue;
    const pickPopular = () =>
      random.weighted(available.map((product) => [product, weights.get(product) ?? 0] as const));

    const size = random.weighted([
      [1, 45],
      [2, 30],
      [3, 17],
      [4, 8],
    ] as const);
    const basket: PlannedProduct[] = [pickPopular()];
    for (let attempt = 0; basket.length < size && attempt < 10; attempt++) {
      const friends = basket
        .flatMap((product) => companions.get(product) ?? [])
        .filter((product) => available.includes(product) && !basket.includes(product));
      const next = friends.length > 0 && random.chance(0.7) ? random.pick(friends) : pickPopular();
      if (!basket.includes(next)) basket.push(next);
    }

    const status = ageStatus(random, daysAgo);
    const shopper = random.pick(shoppers);
    const rateBps = taxRateBps(shopper.address.region);
    const paid = status !== "CANCELLED";
    const lines = basket.map((product): PlannedOrderLine => {
      const variant = random.pick(product.variants);
      const quantity = random.chance(0.85) ? 1 : 2;
      const lineCents = variant.priceCents * quantity;
      const taxCents = Math.round((lineCents * rateBps) / 10_000);
      return {
        product,
        sku: variant.sku,
        variantTitle: variant.title === "Default" ? "" : variant.title,
        quantity,
        unitPriceCents: variant.priceCents,
        taxCents,
        totalCents: lineCents + taxCents,
        location: paid ? saleLocation(product, variant.sku) : null,
      };
    });
    const subtotalCents = lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
    const taxCents = lines.reduce((sum, line) => sum + line.taxCents, 0);
    const express = random.chance(0.15);
    const shippingCents = express ? 1495 : subtotalCents >= 7500 ? 0 : 595;
    const paidAt = paid ? new Date(createdAt.getTime() + random.int(1, 10) * 60_000) : null;
    const shipped = status === "FULFILLED" || status === "DELIVERED" || status === "REFUNDED";
    const shippedAt = shipped && paidAt ? new Date(paidAt.getTime() + random.int(4, 30) * HOUR_MS) : null;
    const delivered = status === "DELIVERED" || status === "REFUNDED";
    const deliveredAt = delivered && shippedAt ? new Date(shippedAt.getTime() + random.int(2, 5) * DAY_MS) : null;
    orders.push({
      key: `${index + 1}`.padStart(4, "0"),
      email: shopper.email,
      firstName: shopper.firstName,
      lastName: shopper.lastName,
      address: shopper.address,
      status,
      createdAt,
      paidAt,
      shippedAt,
      deliveredAt,
      refundedAt:
        status === "REFUNDED" && deliveredAt ? new Date(deliveredAt.getTime() + random.int(1, 6) * DAY_MS) : null,
      cancelledAt: status === "CANCELLED" ? new Date(createdAt.getTime() + random.int(1, 48) * HOUR_MS) : null,
      shippingMethod: express ? "EXPRESS" : "STANDARD",
      shippingCents,
      taxRateBps: rateBps,
      subtotalCents,
      taxCents,
      totalCents: subtotalCents + taxCents + shippingCents,
      lines,
    });
  }
  // Every date must lie in the past, even a shipment planned a day after a payment of this morning.
  for (const order of orders) {
    if (order.shippedAt && order.shippedAt > options.now) {
      order.shippedAt = null;
      order.deliveredAt = null;
      order.status = "PAID";
    }
    if (order.refundedAt && order.refundedAt > options.now)
      order.refundedAt = new Date(options.now.getTime() - HOUR_MS);
    if (order.deliveredAt && order.deliveredAt > options.now) {
      order.deliveredAt = null;
      if (order.status === "DELIVERED") order.status = "FULFILLED";
    }
    if (order.cancelledAt && order.cancelledAt > options.now)
      order.cancelledAt = new Date(options.now.getTime() - 60_000);
  }
  return orders.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.key.localeCompare(b.key));
}

/** Units each variant sold at each warehouse, for the opening stock that explains today's. */
export function soldUnits(orders: readonly PlannedOrder[]): Map<string, Partial<Record<LocationCode, number>>> {
  const sold = new Map<string, Partial<Record<LocationCode, number>>>();
  for (const order of orders) {
    for (const line of order.lines) {
      if (!line.location) continue;
      const entry = sold.get(line.sku) ?? {};
      entry[line.location] = (entry[line.location] ?? 0) + line.quantity;
      sold.set(line.sku, entry);
    }
  }
  return sold;
}
