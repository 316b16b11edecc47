// A placed order, its lines and its first timeline event as data-modifying CTEs, to run in the same
// statement as the first stock reservation (AlongsideWrites): no round trip of its own inside the
// checkout transaction. Ids are made here, in the same unguessable shape as Prisma's cuid2 defaults, so
// the reservations can name the order lines before they exist; the order number comes back from the
// statement.
import { Prisma, type Order, type OrderLine } from "@/lib/generated/prisma/client";
import type { ShippingMethod } from "@/lib/generated/prisma/enums";
import { newId } from "@/lib/ids";
import type { AlongsideWrites } from "@/lib/inventory/stock-updates";
import { accessTokenHash, type OrderAccessPurpose } from "@/lib/orders/access";
import type { AppliedDiscount } from "@/lib/pricing/totals";

export type PlacedOrder = Prisma.OrderGetPayload<{ include: { lines: true } }>;

/** An order line's purchase snapshot, of the variant and product it was bought as (both still exist). */
export type NewOrderLine = Pick<
  OrderLine,
  | "title"
  | "variantTitle"
  | "sku"
  | "imageUrl"
  | "quantity"
  | "unitPriceCents"
  | "discountCents"
  | "taxCents"
  | "totalCents"
> & { variantId: string; productId: string };

export interface NewOrder extends Pick<
  Order,
  | "checkoutToken"
  | "email"
  | "userId"
  | "currency"
  | "subtotalCents"
  | "discountCents"
  | "shippingCents"
  | "taxCents"
  | "totalCents"
  | "taxRateBps"
  | "couponId"
  | "couponCode"
  | "shippingMethodName"
> {
  cartId: string;
  /** Each discount by name (promotions, the coupon, free shipping), kept as OrderDiscount rows. */
  discounts: readonly AppliedDiscount[];
  shippingMethod: ShippingMethod;
  shippingAddress: Prisma.InputJsonObject;
  /** lib/checkout/holds.ts clientIpHash, null when the address is unknown. */
  placedIpHash: string | null;
  /** The order page link handed to the shopper: only its hash is written (lib/orders/access.ts). */
  accessToken: { token: string; purpose: OrderAccessPurpose };
  lines: NewOrderLine[];
  event: { type: string; message: string; data: Prisma.InputJsonObject };
  now: Date;
}

export interface OrderInsert {
  id: string;
  /** The order's lines with their ids, in the order given. */
  lines: (NewOrderLine & { id: string })[];
  /** The INSERTs, with a "number" column (the order number the database assigned). */
  writes: AlongsideWrites;
  /** The order as Prisma would return it, once the statement gave its number. */
  placed(number: number): PlacedOrder;
}

export function orderInsert(order: NewOrder): OrderInsert {
  const id = newId();
  const lines = order.lines.map((line) => ({ ...line, id: newId() }));
  const addressJson = JSON.stringify(order.shippingAddress);
  const ctes = Prisma.sql`
    new_order AS (
      INSERT INTO "Order" (
        id, "checkoutToken", email, "userId", "cartId", currency, "subtotalCents", "discountCents",
        "shippingCents", "taxCents", "totalCents", "taxRateBps", "couponId", "couponCode", "shippingMethod",
        "shippingMethodName", "shippingAddress", "placedIpHash", "createdAt", "updatedAt"
      ) VALUES (
        ${id}, ${order.checkoutToken}, ${order.email}, ${order.userId}, ${order.cartId}, ${order.currency},
        ${order.subtotalCents}, ${order.discountCents}, ${order.shippingCents}, ${order.taxCents}, ${order.totalCents},
        ${order.taxRateBps}, ${order.couponId}, ${order.couponCode}, ${order.shippingMethod}::"ShippingMethod",
        ${order.shippingMethodName}, ${addressJson}::jsonb, ${order.placedIpHash}, ${order.now}::timestamp, ${order.now}::timestamp
      )
      RETURNING id, number
    ), new_lines AS (
      INSERT INTO "OrderLine" (
        id, "orderId", "variantId", "productId", title, "variantTitle", sku, "imageUrl", quantity,
        "unitPriceCents", "discountCents", "taxCents", "totalCents", "createdAt"
      )
      SELECT l.id, new_order.id, l."variantId", l."productId", l.title, l."variantTitle", l.sku, l."imageUrl", l.quantity,
             l."unitPriceCents", l."discountCents", l."taxCents", l."totalCents", ${order.now}::timestamp
      FROM new_order, jsonb_to_recordset(${JSON.stringify(lines)}::jsonb) AS l(
        id text, "variantId" text, "productId" text, title text, "variantTitle" text, sku text, "imageUrl" text,
        quantity int, "unitPriceCents" int, "discountCents" int, "taxCents" int, "totalCents" int
      )
      RETURNING 1
    ), new_event AS (
      INSERT INTO "OrderEvent" (id, "orderId", type, message, public, data, "createdAt")
      SELECT ${newId()}, new_order.id, ${order.event.type}, ${order.event.message}, true,
             ${JSON.stringify(order.event.data)}::jsonb, ${order.now}::timestamp
      FROM new_order
      RETURNING 1
    ), new_discounts AS (
      INSERT INTO "OrderDiscount" (id, "orderId", position, source, target, "promotionId", name, "amountCents")
      SELECT d.id, new_order.id, d.position, d.source::"DiscountSource", d.target::"DiscountTarget", d."promotionId",
             d.name, d."amountCents"
      FROM new_order, jsonb_to_recordset(${JSON.stringify(discountRows(order.discounts))}::jsonb) AS d(
        id text, position int, source text, target text, "promotionId" text, name text, "amountCents" int
      )
      RETURNING 1
    ), new_access AS (
      INSERT INTO "OrderAccessToken" (id, "orderId", "tokenHash", purpose, "createdAt")
      SELECT ${newId()}, new_order.id, ${accessTokenHash(order.accessToken.token)}, ${order.accessToken.purpose},
             ${order.now}::timestamp
      FROM new_order
      RETURNING 1
    )`;
  // Reading every CTE makes each run before the stock update of the statement they ride in.
  const columns = Prisma.sql`(SELECT number FROM new_order) AS number, (SELECT count(*) FROM new_lines) AS "lineCount",
    (SELECT count(*) FROM new_event) AS "eventCount", (SELECT count(*) FROM new_access) AS "accessCount",
    (SELECT count(*) FROM new_discounts) AS "discountCount"`;
  return {
    id,
    lines,
    writes: { ctes, columns },
    placed: (number) => placedOrder(id, number, order, lines, addressJson),
  };
}

function discountRows(discounts: readonly AppliedDiscount[]) {
  return discounts.map((discount, position) => ({ id: newId(), position, ...discount }));
}

function placedOrder(
  id: string,
  number: number,
  order: NewOrder,
  lines: (NewOrderLine & { id: string })[],
  addressJson: string,
): PlacedOrder {
  return {
    id,
    number,
    checkoutToken: order.checkoutToken,
    email: order.email,
    userId: order.userId,
    cartId: order.cartId,
    status: "PENDING_PAYMENT",
    paymentStatus: "PENDING",
    currency: order.currency,
    subtotalCents: order.subtotalCents,
    discountCents: order.discountCents,
    shippingCents: order.shippingCents,
    taxCents: order.taxCents,
    totalCents: order.totalCents,
    refundedCents: 0,
    taxRateBps: order.taxRateBps,
    couponId: order.couponId,
    couponCode: order.couponCode,
    shippingMethod: order.shippingMethod,
    shippingMethodName: order.shippingMethodName,
    shippingAddress: JSON.parse(addressJson) as Prisma.JsonObject,
    billingAddress: null,
    fraudReview: false,
    riskScore: null,
    riskReasons: null,
    placedIpHash: order.placedIpHash,
    note: null,
    paidAt: null,
    cancelledAt: null,
    createdAt: order.now,
    updatedAt: order.now,
    lines: lines.map((line) => ({
      ...line,
      orderId: id,
      fulfilledQuantity: 0,
      returnedQuantity: 0,
      createdAt: order.now,
    })),
  };
}
