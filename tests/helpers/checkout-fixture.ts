import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import { placeOrder, type PlaceOrderInput } from "@/lib/checkout/place-order";

// A small store for checkout and payment suites: categories, products, variants stocked in two
// locations, carts. Each suite builds its own in its own database.
export interface StoreSpec {
  variants: { priceCents: number; stock: [number, number]; status?: "ACTIVE" | "DRAFT" }[];
}
export interface Store {
  categoryIds: { parent: string; child: string };
  productIds: string[];
  variantIds: string[];
  locationIds: [string, string];
}

export async function createStore(prisma: Db, spec: StoreSpec): Promise<Store> {
  const suffix = randomUUID().slice(0, 8);
  const parent = await prisma.category.create({ data: { slug: `apparel-${suffix}`, name: "Apparel" } });
  const child = await prisma.category.create({
    data: { slug: `tees-${suffix}`, name: "T-shirts", parentId: parent.id },
  });
  const wh1 = await prisma.location.create({ data: { code: `WH1-${suffix}`, name: "East", priority: 0 } });
  const wh2 = await prisma.location.create({ data: { code: `WH2-${suffix}`, name: "West", priority: 1 } });
  const productIds: string[] = [];
  const variantIds: string[] = [];
  for (const [index, variant] of spec.variants.entries()) {
    const product = await prisma.product.create({
      data: {
        slug: `tee-${suffix}-${index}`,
        title: `Tee ${index}`,
        status: variant.status ?? "ACTIVE",
        categoryId: child.id,
        images: { create: { url: `/img/tee-${index}.png`, alt: "" } },
        variants: { create: { sku: `TEE-${suffix}-${index}`, title: "M", priceCents: variant.priceCents } },
      },
      include: { variants: true },
    });
    const variantId = product.variants[0]!.id;
    await prisma.inventoryLevel.createMany({
      data: [
        { variantId, locationId: wh1.id, onHand: variant.stock[0] },
        { variantId, locationId: wh2.id, onHand: variant.stock[1] },
      ],
    });
    productIds.push(product.id);
    variantIds.push(variantId);
  }
  await prisma.shippingRate.createMany({
    data: [
      {
        zone: `domestic-${suffix}`,
        countries: ["US"],
        method: "STANDARD",
        name: "Standard",
        priceCents: 500,
        freeOverCents: 10_000,
        minDays: 3,
        maxDays: 5,
      },
      {
        zone: `domestic-${suffix}`,
        countries: ["US"],
        method: "EXPRESS",
        name: "Express",
        priceCents: 1500,
        minDays: 1,
        maxDays: 2,
      },
    ],
    skipDuplicates: true,
  });
  await prisma.taxRate.createMany({
    data: [
      { country: "US", region: "", rateBps: 0, name: "US" },
      { country: "US", region: "CA", rateBps: 725, name: "California" },
    ],
    skipDuplicates: true,
  });
  return { categoryIds: { parent: parent.id, child: child.id }, productIds, variantIds, locationIds: [wh1.id, wh2.id] };
}

export async function createCart(prisma: Db, lines: { variantId: string; quantity: number }[]): Promise<string> {
  const cart = await prisma.cart.create({ data: { expiresAt: new Date(Date.now() + 30 * 86_400_000) } });
  // One by one, so the lines keep the order they were added in (checkout lists them that way).
  for (const [index, line] of lines.entries()) {
    await prisma.cartLine.create({
      data: { ...line, cartId: cart.id, unitPriceCentsAtAdd: 1, createdAt: new Date(Date.now() + index) },
    });
  }
  return cart.id;
}

export const address = {
  firstName: "Ada",
  lastName: "Lovelace",
  line1: "1 Market St",
  city: "San Francisco",
  region: "CA",
  postalCode: "94105",
  country: "US",
};

/** Each call is another shopper (its own email), as in a real store: the caps on what one shopper's
 *  unpaid orders may hold (lib/checkout/holds.ts) then only apply where a test asks for them. */
export function checkoutInput(cartId: string, overrides: Partial<PlaceOrderInput> = {}): PlaceOrderInput {
  return {
    checkoutToken: `tok_${randomUUID().replaceAll("-", "")}`,
    cartId,
    email: `Ada.${randomUUID().slice(0, 8)}@Example.com`,
    shippingAddress: address,
    shippingMethod: "STANDARD",
    ...overrides,
  };
}

export async function stock(prisma: Db, variantId: string) {
  const levels = await prisma.inventoryLevel.findMany({
    where: { variantId },
    orderBy: { location: { priority: "asc" } },
  });
  const active = await prisma.reservation.aggregate({
    where: { variantId, status: "ACTIVE" },
    _sum: { quantity: true },
  });
  return {
    onHand: levels.map((level) => level.onHand),
    reserved: levels.map((level) => level.reserved),
    activeReservedSum: active._sum.quantity ?? 0,
  };
}

/** A new cart with `lines`, checked out through placeOrder (the payment suites start from this). */
export async function placeOrderFor(
  prisma: Db,
  lines: { variantId: string; quantity: number }[],
  overrides: Partial<PlaceOrderInput> = {},
) {
  const cartId = await createCart(prisma, lines);
  const { order } = await placeOrder(prisma, checkoutInput(cartId, overrides));
  return { order, cartId };
}

/** Row counts and state of everything checkout and payments write, to prove a rejected call changed nothing. */
export async function snapshot(prisma: Db) {
  const [orders, lines, reservations, events, outbox, payments, redemptions, levels, coupons, adjustments, refunds] =
    await Promise.all([
      prisma.order.findMany({
        select: { id: true, status: true, paymentStatus: true, refundedCents: true, paidAt: true },
        orderBy: { id: "asc" },
      }),
      prisma.orderLine.count(),
      prisma.reservation.findMany({ select: { id: true, status: true, expiresAt: true }, orderBy: { id: "asc" } }),
      prisma.orderEvent.count(),
      prisma.outboxEvent.count(),
      prisma.payment.findMany({
        select: { id: true, status: true, failureReason: true, paymentIntentRef: true },
        orderBy: { id: "asc" },
      }),
      prisma.couponRedemption.count(),
      prisma.inventoryLevel.findMany({ select: { id: true, onHand: true, reserved: true }, orderBy: { id: "asc" } }),
      prisma.coupon.findMany({ select: { id: true, timesRedeemed: true }, orderBy: { id: "asc" } }),
      prisma.inventoryAdjustment.count(),
      prisma.refund.findMany({ select: { id: true, status: true }, orderBy: { id: "asc" } }),
    ]);
  return { orders, lines, reservations, events, outbox, payments, redemptions, levels, coupons, adjustments, refunds };
}
// ---- end of fixtures ----
