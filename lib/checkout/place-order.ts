// Placing an order: one interactive transaction that re-prices the cart from the database, re-validates
// the coupon, creates the order (PENDING_PAYMENT) with snapshotted lines, and reserves the stock. If any
// step fails, nothing is written. No network call happens inside: payment starts after this returns.
// A store that cannot take payments (production mode without Stripe) places no order at all: an unpayable
// order would only hold stock until it expired.
//
// Idempotent per checkoutToken (unique on Order): a double submit gets the order the first one created,
// also when both race, because the loser's INSERT waits on the unique index and then fails with P2002.
//
// Unpaid orders' holds are capped per variant, per email and per client address (./holds.ts), in the
// same transaction; the order page link handed back (accessToken) is written with the order.
import { z } from "zod";
import { fieldErrorsOf } from "@/lib/actions/form";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { formatMoney } from "@/lib/money";
import { Prisma } from "@/lib/generated/prisma/client";
import { OutOfStockError } from "@/lib/inventory/stock-errors";
import { reserveStock } from "@/lib/inventory/reservations";
import { requirePaymentProvider } from "@/lib/payments/provider";
import { mintOrderAccessToken, newAccessToken } from "@/lib/orders/access";
import { shippingAddressSchema } from "./address";
import { reservationTtlMinutes } from "./config";
import { loadCheckoutContext } from "./checkout-context";
import {
  assertHoldCaps,
  assertVariantCap,
  clientIpHash,
  heldUnitsColumns,
  holdLimitsFromEnv,
  holdCapsGuard,
  holdLockKeys,
  type HoldLimits,
} from "./holds";
import { priceCheckout, type PricedCartLine } from "./price-checkout";
import { orderInsert, type PlacedOrder } from "./insert-order";
import { isUniqueViolation, runTransaction, type SqlTx, type Tx } from "@/lib/db/transaction";
import { isCommitInStatementRefusal } from "@/lib/db/commit-in-statement";
import { withPgTransaction } from "@/lib/db/pg-transaction";

export const placeOrderInputSchema = z.object({
  // Made by the checkout page when it opens, so a resubmitted form carries the same token.
  checkoutToken: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,128}$/, "Your checkout session is invalid. Please reload the page."),
  cartId: z.string().min(1).max(64),
  email: z
    .string({ error: "Email is required." })
    .trim()
    .toLowerCase()
    .max(254, "Email must be at most 254 characters.")
    .pipe(z.email("Enter a valid email address.")),
  shippingAddress: shippingAddressSchema,
  shippingMethod: z.enum(["STANDARD", "EXPRESS"], { error: "Choose a shipping option." }),
  couponCode: z
    .string()
    .trim()
    .max(64, "That code is too long.")
    .optional()
    .transform((value) => (value ? value : undefined)),
  // The shopper's address as lib/rate-limit's clientIp() reads it, set by the server (never a form
  // field): hashed onto the order for the per-address hold cap. Absent or "unknown": no address cap.
  clientIp: z.string().max(100).nullish(),
  // The total the review step showed (its form posts it). When the cart now prices differently (a price,
  // a shipping or tax rate, a threshold changed since), nothing is placed: the shopper sees the new total
  // and places the order again. Absent: no comparison (API callers that did not show a total).
  expectedTotalCents: z.number().int().nonnegative().nullish(),
});

export type PlaceOrderInput = z.input<typeof placeOrderInputSchema>;

export type { PlacedOrder };

export interface PlaceOrderResult {
  order: PlacedOrder;
  /** false when this checkout token had already placed the order (a double submit). */
  created: boolean;
  /** Opens the order page (lib/orders/access.ts orderAccessPath); only its hash is stored. */
  accessToken: string;
}

export interface PlaceOrderOptions {
  now?: Date;
  reservationTtlMinutes?: number;
  /** Default: holdLimitsFromEnv(). */
  holdLimits?: HoldLimits;
}

function parseInput(input: PlaceOrderInput) {
  const parsed = placeOrderInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new UserError("invalid_checkout", "Please correct the highlighted fields.", {
      fieldErrors: fieldErrorsOf(parsed.error),
    });
  }
  return parsed.data;
}

async function findByToken(db: Db | Tx, checkoutToken: string, cartId: string): Promise<PlacedOrder | null> {
  const order = await db.order.findUnique({ where: { checkoutToken }, include: { lines: true } });
  if (order && order.cartId !== cartId) {
    throw new UserError("checkout_conflict", "This checkout has already been used. Please start checkout again.");
  }
  return order;
}

export async function placeOrder(
  db: Db,
  input: PlaceOrderInput,
  options: PlaceOrderOptions = {},
): Promise<PlaceOrderResult> {
  requirePaymentProvider();
  const data = parseInput(input);
  // Made before the transaction so a retried attempt (deadlock) writes the same link.
  const accessToken = newAccessToken();
  // The submit that did not create the order gets a link of its own (the first one's raw token is gone).
  const again = async (order: PlacedOrder): Promise<PlaceOrderResult> => ({
    order,
    created: false,
    accessToken: await mintOrderAccessToken(db, order.id, "checkout"),
  });
  // First on the fast path: raw SQL on node-postgres, committed in the order's statement
  // (lib/db/pg-transaction.ts, lib/db/commit-in-statement.ts); a case that path does not cover (or a check
  // that failed there) rolled it back and runs the ordinary Prisma transaction.
  const place = (fast: boolean) =>
    fast
      ? withPgTransaction(db, (tx) => placeInTransaction(tx, data, accessToken, options, true))
      : runTransaction(db, (tx) => placeInTransaction(tx, data, accessToken, options, false));
  try {
    const order = await place(true).catch((error: unknown) => {
      if (isCommitInStatementRefusal(error)) return place(false);
      throw error;
    });
    if (order) return { order, created: true, accessToken };
    // This token already placed an order: a double submit gets that order, whatever the cart holds now.
    const existing = await findByToken(db, data.checkoutToken, data.cartId);
    if (!existing) throw new Error(`order of checkout ${data.checkoutToken} vanished`);
    return again(existing);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another submit of the same checkout committed first: that order is the answer.
    const winner = await findByToken(db, data.checkoutToken, data.cartId);
    if (!winner) throw error;
    return again(winner);
  }
}

function variantLabel(variant: { title: string; productTitle: string }): string {
  return variant.title ? `${variant.productTitle} – ${variant.title}` : variant.productTitle;
}

async function placeInTransaction(
  tx: SqlTx,
  data: ReturnType<typeof parseInput>,
  accessToken: string,
  options: PlaceOrderOptions,
  commitInStatement: boolean,
): Promise<PlacedOrder | null> {
  const now = options.now ?? new Date();
  const address = data.shippingAddress;
  const limits = options.holdLimits ?? holdLimitsFromEnv();
  const placedIpHash = clientIpHash(data.clientIp);
  const context = await loadCheckoutContext(tx, {
    checkoutToken: data.checkoutToken,
    cartId: data.cartId,
    country: address.country,
    now,
    // Serialises this shopper's checkouts for the hold caps (see ./holds.ts).
    holdLockKeys: holdLockKeys(data.email, placedIpHash, limits),
  });
  if (context?.existingOrderId) return null;
  if (!context || context.expired) {
    throw new UserError("cart_not_found", "Your cart has expired. Please add the items again.");
  }
  if (context.lines.length === 0) throw new UserError("cart_empty", "Your cart is empty.");

  const unavailable = context.lines.filter(
    (line) => !line.variant || line.variant.productStatus !== "ACTIVE" || line.variant.currency !== context.currency,
  );
  if (unavailable.length > 0) {
    const names = unavailable.map((line) => (line.variant ? `“${variantLabel(line.variant)}”` : "An item"));
    throw new UserError(
      "variant_unavailable",
      `${names.join(", ")} ${names.length === 1 ? "is" : "are"} no longer available. Please remove ${names.length === 1 ? "it" : "them"} from your cart.`,
      { variantIds: unavailable.map((line) => line.variantId) },
    );
  }
  const items = context.lines.filter((line): line is PricedCartLine => line.variant !== null); // all of them, after the check above
  assertVariantCap(
    items.map((item) => ({ variantId: item.variantId, quantity: item.quantity, label: variantLabel(item.variant) })),
    limits,
  );
  const { totals, shippingRate, tax, coupon, currencyDisplay } = await priceCheckout(tx, context, {
    lines: items,
    email: data.email,
    country: address.country,
    region: address.region,
    shippingMethod: data.shippingMethod,
    couponCode: data.couponCode,
    now,
    couponProblems: "throw",
    lockPromotions: true,
  });
  if (data.expectedTotalCents != null && totals.totalCents !== data.expectedTotalCents) {
    throw new UserError(
      "total_changed",
      `Your total changed to ${formatMoney(totals.totalCents, context.currency, { display: currencyDisplay })} since you reviewed your order (a price, a promotion, shipping or tax rate was updated). Please check it and place your order again.`,
      { totalCents: totals.totalCents, expectedTotalCents: data.expectedTotalCents },
    );
  }

  const insert = orderInsert({
    checkoutToken: data.checkoutToken,
    email: data.email,
    userId: context.userId,
    cartId: context.cartId,
    currency: context.currency,
    subtotalCents: totals.subtotalCents,
    discountCents: totals.discountCents,
    shippingCents: totals.shippingCents,
    taxCents: totals.taxCents,
    totalCents: totals.totalCents,
    taxRateBps: totals.taxRateBps,
    couponId: coupon?.id ?? null,
    couponCode: coupon?.code ?? null,
    discounts: totals.discounts,
    shippingMethod: shippingRate.method,
    shippingMethodName: shippingRate.name,
    shippingAddress: address,
    placedIpHash,
    accessToken: { token: accessToken, purpose: "checkout" },
    lines: items.map((item, index) => {
      const lineTotals = totals.lines[index];
      if (!lineTotals) throw new Error("totals and cart lines disagree");
      return {
        variantId: item.variantId,
        productId: item.variant.productId,
        title: item.variant.productTitle,
        variantTitle: item.variant.title,
        sku: item.variant.sku,
        imageUrl: item.variant.imageUrl,
        quantity: item.quantity,
        unitPriceCents: item.variant.priceCents,
        discountCents: lineTotals.discountCents,
        taxCents: lineTotals.taxCents,
        // Order lines have no shipping column: shipping stays on the order.
        totalCents: lineTotals.goodsTotalCents,
      };
    }),
    event: {
      type: "placed",
      message: "Order placed. Waiting for payment.",
      data: { taxName: tax.name, shippingZone: shippingRate.zone, couponCode: coupon?.code ?? null },
    },
    now,
  });

  const ttlMinutes = options.reservationTtlMinutes ?? reservationTtlMinutes();
  const orderUnits = items.reduce((sum, item) => sum + item.quantity, 0);
  let written: Record<string, unknown> | null;
  try {
    // The order's INSERTs ride in the first reservation's statement, ahead of its stock update, and the
    // reservations come last, so the hot inventory rows stay locked only until the commit right after.
    // The same statement reads the units this shopper's other unpaid orders hold (after the locks taken
    // by the first query, so its snapshot includes their commits); over a cap, the throw below rolls
    // everything back.
    const reservation = await reserveStock(tx, {
      orderId: insert.id,
      lines: insert.lines.map((line) => ({ orderLineId: line.id, variantId: line.variantId, quantity: line.quantity })),
      expiresAt: new Date(now.getTime() + ttlMinutes * 60_000),
      now,
      levels: context.levels,
      alongside: {
        ctes: insert.writes.ctes,
        columns: Prisma.sql`${insert.writes.columns}, ${heldUnitsColumns(data.email, placedIpHash, now)}`,
      },
      // The hold caps below, checked in the statement that commits.
      commitWith: commitInStatement
        ? { guard: holdCapsGuard(data.email, placedIpHash, now, orderUnits, limits) }
        : undefined,
    });
    written = reservation.alongside;
  } catch (error) {
    if (!(error instanceof OutOfStockError)) throw error;
    // The shopper needs to know which product is short, which only checkout can name.
    const byVariant = new Map(items.map((item) => [item.variantId, item.variant]));
    throw new OutOfStockError(
      error.lines.map((short) => {
        const variant = byVariant.get(short.variantId);
        return variant ? { ...short, title: variantLabel(variant) } : short;
      }),
    );
  }
  const number = written?.number;
  if (typeof number !== "number") throw new Error(`order ${insert.id} was not written`);
  assertHoldCaps(
    {
      orderUnits,
      byEmail: Number(written?.heldByEmail ?? 0),
      byIp: Number(written?.heldByIp ?? 0),
      ipKnown: placedIpHash !== null,
    },
    limits,
    ttlMinutes,
  );
  return insert.placed(number);
}
