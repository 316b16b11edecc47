// Writes a placed order, its lines and its first timeline event in ONE statement (data-modifying CTEs),
// and returns the same shape Prisma would (Order with lines): one round trip instead of five inside the
// checkout transaction. Ids are made here, in the same unguessable shape as Prisma's cuid2 defaults.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ShippingMethod } from "@/lib/generated/prisma/enums";
import { newId } from "@/lib/ids";
import type { Tx } from "./transaction";

export type PlacedOrder = Prisma.OrderGetPayload<{ include: { lines: true } }>;

export interface NewOrderLine {
  variantId: string;
  productId: string;
  title: string;
  variantTitle: string;
  sku: string;
  imageUrl: string | null;
  quantity: number;
  unitPriceCents: number;
  discountCents: number;
  taxCents: number;
  totalCents: number;
}

export interface NewOrder {
  checkoutToken: string;
  email: string;
  userId: string | null;
  cartId: string;
  currency: string;
  subtotalCents: number;
  discountCents: number;
  shippingCents: number;
  taxCents: number;
  totalCents: number;
  taxRateBps: number;
  couponId: string | null;
  couponCode: string | null;
  shippingMethod: ShippingMethod;
  shippingMethodName: string;
  shippingAddress: Prisma.InputJsonObject;
  lines: NewOrderLine[];
  event: { type: string; message: string; data: Prisma.InputJsonObject };
  now: Date;
}

export async function insertOrder(tx: Tx, order: NewOrder): Promise<PlacedOrder> {
  const id = newId();
  const lines = order.lines.map((line) => ({ ...line, id: newId() }));
  const addressJson = JSON.stringify(order.shippingAddress);
  const [row] = await tx.$queryRaw<{ number: number }[]>`
    WITH new_order AS (
      INSERT INTO "Order" (
        id, "checkoutToken", email, "userId", "cartId", currency, "subtotalCents", "discountCents",
        "shippingCents", "taxCents", "totalCents", "taxRateBps", "couponId", "couponCode", "shippingMethod",
        "shippingMethodName", "shippingAddress", "createdAt", "updatedAt"
      ) VALUES (
        ${id}, ${order.checkoutToken}, ${order.email}, ${order.userId}, ${order.cartId}, ${order.currency},
        ${order.subtotalCents}, ${order.discountCents}, ${order.shippingCents}, ${order.taxCents}, ${order.totalCents},
        ${order.taxRateBps}, ${order.couponId}, ${order.couponCode}, ${order.shippingMethod}::"ShippingMethod",
        ${order.shippingMethodName}, ${addressJson}::jsonb, ${order.now}::timestamp, ${order.now}::timestamp
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
    ), new_event AS (
      INSERT INTO "OrderEvent" (id, "orderId", type, message, public, data, "createdAt")
      SELECT ${newId()}, new_order.id, ${order.event.type}, ${order.event.message}, true,
             ${JSON.stringify(order.event.data)}::jsonb, ${order.now}::timestamp
      FROM new_order
    )
    SELECT number FROM new_order`;
  if (!row) throw new Error("order insert returned no row");
  return {
    id,
    number: row.number,
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
    note: null,
    paidAt: null,
    cancelledAt: null,
    createdAt: order.now,
    updatedAt: order.now,
    lines: lines.map((line) => ({ ...line, orderId: id, fulfilledQuantity: 0, createdAt: order.now })),
  };
}
