// Turns the planned order history (./orders.ts) into rows, the way the store itself would have left them:
// orders and lines with price snapshots; for paid ones a succeeded test payment, COMMITTED reservations
// and SALE adjustments (the units left stock at payment, from the opening stock that ./catalog-rows.ts
// counted); shipments for shipped ones; a succeeded refund for refunded ones. Cancelled orders were never
// paid: nothing charged, no stock moved. Written with the catalog in the seed's one transaction, then the
// recommendation counts are rebuilt from them (lib/recommendations).
import type { Prisma } from "@/lib/generated/prisma/client";
import { ColumnBuffer, insertInOrder } from "@/lib/db/bulk-insert";
import { newId } from "@/lib/ids";
import { adjustmentRows, type AddedProductIds } from "./catalog-rows";
import type { PlannedProduct } from "./generate";
import type { PlannedOrder } from "./orders";
import type { LocationCode } from "./store-config";

const STATUS = {
  PAID: { order: "PAID", payment: "PAID" },
  FULFILLED: { order: "FULFILLED", payment: "PAID" },
  DELIVERED: { order: "DELIVERED", payment: "PAID" },
  REFUNDED: { order: "REFUNDED", payment: "REFUNDED" },
  CANCELLED: { order: "CANCELLED", payment: "PENDING" },
} as const;

function createOrderTables() {
  return {
    orders: new ColumnBuffer("Order", {
      id: "text",
      checkoutToken: "text",
      email: "text",
      status: "OrderStatus",
      paymentStatus: "PaymentStatus",
      currency: "text",
      subtotalCents: "int",
      shippingCents: "int",
      taxCents: "int",
      totalCents: "int",
      refundedCents: "int",
      taxRateBps: "int",
      shippingMethod: "text",
      shippingMethodName: "text",
      shippingAddress: "jsonb",
      paidAt: "timestamp",
      cancelledAt: "timestamp",
      createdAt: "timestamp",
      updatedAt: "timestamp",
    }),
    lines: new ColumnBuffer("OrderLine", {
      id: "text",
      orderId: "text",
      variantId: "text",
      productId: "text",
      title: "text",
      variantTitle: "text",
      sku: "text",
      quantity: "int",
      unitPriceCents: "int",
      taxCents: "int",
      totalCents: "int",
      fulfilledQuantity: "int",
      createdAt: "timestamp",
    }),
    payments: new ColumnBuffer("Payment", {
      id: "text",
      orderId: "text",
      provider: "PaymentProvider",
      providerRef: "text",
      amountCents: "int",
      currency: "text",
      status: "PaymentState",
      createdAt: "timestamp",
      updatedAt: "timestamp",
    }),
    reservations: new ColumnBuffer("Reservation", {
      id: "text",
      orderId: "text",
      orderLineId: "text",
      variantId: "text",
      locationId: "text",
      quantity: "int",
      status: "ReservationStatus",
      expiresAt: "timestamp",
      createdAt: "timestamp",
      updatedAt: "timestamp",
    }),
    sales: adjustmentRows(),
    shipments: new ColumnBuffer("Shipment", {
      id: "text",
      orderId: "text",
      carrier: "text",
      trackingNumber: "text",
      status: "ShipmentStatus",
      locationId: "text",
      shippedAt: "timestamp",
      deliveredAt: "timestamp",
      createdAt: "timestamp",
    }),
    shipmentLines: new ColumnBuffer("ShipmentLine", {
      id: "text",
      shipmentId: "text",
      orderLineId: "text",
      quantity: "int",
    }),
    refunds: new ColumnBuffer("Refund", {
      id: "text",
      orderId: "text",
      paymentId: "text",
      amountCents: "int",
      currency: "text",
      reason: "text",
      status: "RefundStatus",
      requestKey: "text",
      createdAt: "timestamp",
      updatedAt: "timestamp",
    }),
  };
}

export interface OrderRowsContext {
  ids: ReadonlyMap<PlannedProduct, AddedProductIds>;
  locationIds: Record<LocationCode, string>;
  currency: string;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

function addOrder(tables: ReturnType<typeof createOrderTables>, order: PlannedOrder, context: OrderRowsContext): void {
  const orderId = newId();
  const { order: status, payment: paymentStatus } = STATUS[order.status];
  const updatedAt = order.refundedAt ?? order.deliveredAt ?? order.shippedAt ?? order.cancelledAt ?? order.paidAt;
  tables.orders.add({
    id: orderId,
    checkoutToken: `demo-order-${order.key}`,
    email: order.email,
    status,
    paymentStatus,
    currency: context.currency,
    subtotalCents: order.subtotalCents,
    shippingCents: order.shippingCents,
    taxCents: order.taxCents,
    totalCents: order.totalCents,
    refundedCents: order.status === "REFUNDED" ? order.totalCents : 0,
    taxRateBps: order.taxRateBps,
    shippingMethod: order.shippingMethod,
    shippingMethodName: order.shippingMethod === "EXPRESS" ? "Express shipping" : "Standard shipping",
    shippingAddress: JSON.stringify({
      firstName: order.firstName,
      lastName: order.lastName,
      ...order.address,
      country: "US",
    }),
    paidAt: iso(order.paidAt),
    cancelledAt: iso(order.cancelledAt),
    createdAt: order.createdAt.toISOString(),
    updatedAt: (updatedAt ?? order.createdAt).toISOString(),
  });

  const shipped = order.shippedAt !== null;
  const shipmentIds = new Map<LocationCode, string>();
  for (const line of order.lines) {
    const productIds = context.ids.get(line.product);
    const variantId = productIds?.variantIds.get(line.sku);
    if (!productIds || !variantId) throw new Error(`Demo order ${order.key}: no ids for ${line.sku}`);
    const lineId = newId();
    tables.lines.add({
      id: lineId,
      orderId,
      variantId,
      productId: productIds.productId,
      title: line.product.title,
      variantTitle: line.variantTitle,
      sku: line.sku,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
      taxCents: line.taxCents,
      totalCents: line.totalCents,
      fulfilledQuantity: shipped ? line.quantity : 0,
      createdAt: order.createdAt.toISOString(),
    });
    if (!line.location || !order.paidAt) continue;
    const locationId = context.locationIds[line.location];
    tables.reservations.add({
      id: newId(),
      orderId,
      orderLineId: lineId,
      variantId,
      locationId,
      quantity: line.quantity,
      status: "COMMITTED",
      expiresAt: new Date(order.createdAt.getTime() + 15 * 60_000).toISOString(),
      createdAt: order.createdAt.toISOString(),
      updatedAt: order.paidAt.toISOString(),
    });
    tables.sales.add({
      id: newId(),
      variantId,
      locationId,
      delta: -line.quantity,
      reason: "SALE",
      note: `Demo order ${order.key}`,
      orderId,
      createdAt: order.paidAt.toISOString(),
    });
    if (!order.shippedAt) continue;
    let shipmentId = shipmentIds.get(line.location);
    if (!shipmentId) {
      shipmentId = newId();
      shipmentIds.set(line.location, shipmentId);
      tables.shipments.add({
        id: shipmentId,
        orderId,
        carrier: "UPS",
        trackingNumber: `1ZDEMO${order.key}${shipmentIds.size}`,
        status: order.deliveredAt ? "DELIVERED" : "SHIPPED",
        locationId,
        shippedAt: order.shippedAt.toISOString(),
        deliveredAt: iso(order.deliveredAt),
        createdAt: order.shippedAt.toISOString(),
      });
    }
    tables.shipmentLines.add({ id: newId(), shipmentId, orderLineId: lineId, quantity: line.quantity });
  }

  if (!order.paidAt) return;
  const paymentId = newId();
  tables.payments.add({
    id: paymentId,
    orderId,
    provider: "TEST",
    providerRef: `demo_pay_${order.key}`,
    amountCents: order.totalCents,
    currency: context.currency,
    status: "SUCCEEDED",
    createdAt: order.paidAt.toISOString(),
    updatedAt: order.paidAt.toISOString(),
  });
  if (order.refundedAt) {
    tables.refunds.add({
      id: newId(),
      orderId,
      paymentId,
      amountCents: order.totalCents,
      currency: context.currency,
      reason: "Returned by the customer",
      status: "SUCCEEDED",
      requestKey: `demo-refund-${order.key}`,
      createdAt: order.refundedAt.toISOString(),
      updatedAt: order.refundedAt.toISOString(),
    });
  }
}

/** Inserts the order history, parents before children. Returns the number of orders. */
export async function insertDemoOrders(
  tx: Prisma.TransactionClient,
  orders: readonly PlannedOrder[],
  context: OrderRowsContext,
): Promise<number> {
  const tables = createOrderTables();
  for (const order of orders) addOrder(tables, order, context);
  await insertInOrder(tx, [
    tables.orders,
    tables.lines,
    tables.payments,
    tables.reservations,
    tables.sales,
    tables.shipments,
    tables.shipmentLines,
    tables.refunds,
  ]);
  return tables.orders.size;
}
