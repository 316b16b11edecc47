// Returns and exchanges against a real PostgreSQL (lib/orders/returns-*.ts): over-returns refused (never
// more than shipped minus already returned, within the window), concurrent requests and approvals, the
// refund paid exactly once (replayed and concurrent), stock back only for resellable units at the chosen
// location, exchanges (same price, cheaper with the difference refunded, and sold out meanwhile), the
// shopper's emails through the outbox.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { placeOrder } from "@/lib/checkout/place-order";
import { renderEmailEvent } from "@/lib/email/outbox-handlers";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { fulfilOrder, markDelivered } from "@/lib/orders/fulfilment";
import type { OrderActor } from "@/lib/orders/admin-common";
import { requestReturn } from "@/lib/orders/returns-request";
import { approveReturn, rejectReturn } from "@/lib/orders/returns-review";
import { receiveReturnLine, refundReturn, shipReturnExchange } from "@/lib/orders/returns-complete";
import { returnFormLines } from "@/lib/orders/returns-queries";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createCart, createStore, checkoutInput, type Store } from "../helpers/checkout-fixture";

let db: TestDatabase;
let prisma: Db;
let admin: OrderActor;
let staff: OrderActor;
let store: Store;
/** Other options of product 0 (priced 25.00): same price, cheaper, and one with a single unit. */
const options = { same: "", cheaper: "", scarce: "" };
const savedEnv = { ...process.env };

beforeAll(async () => {
  db = await createTestDatabase("returns");
  prisma = db.prisma;
  delete process.env.SMTP_URL;
  delete process.env.STAFF_REFUND_LIMIT_CENTS;
  const make = async (role: "ADMIN" | "STAFF") => {
    const user = await prisma.user.create({
      data: { email: `${role.toLowerCase()}-${randomUUID()}@example.com`, role },
      select: { id: true, role: true },
    });
    return { id: user.id, role: user.role };
  };
  admin = await make("ADMIN");
  staff = await make("STAFF");
  store = await createStore(prisma, {
    variants: [
      { priceCents: 2500, stock: [50, 50] },
      { priceCents: 1000, stock: [50, 50] },
    ],
  });
  const option = async (title: string, priceCents: number, onHand: number) => {
    const variant = await prisma.variant.create({
      data: { productId: store.productIds[0]!, sku: `OPT-${randomUUID().slice(0, 8)}`, title, priceCents },
    });
    await prisma.inventoryLevel.create({ data: { variantId: variant.id, locationId: store.locationIds[0], onHand } });
    return variant.id;
  };
  options.same = await option("L", 2500, 20);
  options.cheaper = await option("S", 2000, 20);
  options.scarce = await option("XL", 2500, 1);
});
afterAll(async () => {
  process.env = savedEnv;
  await db?.drop();
});

const key = (kind = "test") => `${kind}:${randomUUID()}`;

/** A paid order (test provider), shipped in full unless `ship` says how many units of each line. */
async function shippedOrder(lines: { variant: number; quantity: number }[], ship?: number[]) {
  const cartId = await createCart(
    prisma,
    lines.map((line) => ({ variantId: store.variantIds[line.variant]!, quantity: line.quantity })),
  );
  const { order } = await placeOrder(prisma, checkoutInput(cartId));
  const paid = await markOrderPaid(prisma, {
    orderId: order.id,
    provider: "TEST",
    providerRef: `testpay_${order.id}`,
    amountCents: order.totalCents,
    currency: order.currency,
  });
  expect(paid.outcome).toBe("paid");
  const placed = await prisma.order.findUniqueOrThrow({
    where: { id: order.id },
    include: { lines: { orderBy: { createdAt: "asc" } } },
  });
  const shipLines = placed.lines
    .map((line, index) => ({ orderLineId: line.id, quantity: ship ? ship[index]! : line.quantity }))
    .filter((line) => line.quantity > 0);
  if (shipLines.length > 0) {
    await fulfilOrder(prisma, admin, {
      orderId: order.id,
      carrier: "UPS",
      trackingNumber: "1Z999AA10123456784",
      lines: shipLines,
      requestKey: key("ship"),
    });
  }
  return placed;
}

async function expectRefused(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
  return error as UserError;
}

async function onHand(variantId: string, locationId: string = store.locationIds[0]) {
  const level = await prisma.inventoryLevel.findUnique({ where: { variantId_locationId: { variantId, locationId } } });
  return level ? { onHand: level.onHand, reserved: level.reserved } : null;
}

async function writes() {
  const [returns, returnLines, lines, events, outbox, audit, refunds, adjustments, levels] = await Promise.all([
    prisma.returnRequest.findMany({ select: { id: true, status: true }, orderBy: { id: "asc" } }),
    prisma.returnLine.count(),
    prisma.orderLine.findMany({ select: { id: true, returnedQuantity: true }, orderBy: { id: "asc" } }),
    prisma.orderEvent.count(),
    prisma.outboxEvent.count(),
    prisma.auditLog.count(),
    prisma.refund.count(),
    prisma.inventoryAdjustment.count(),
    prisma.inventoryLevel.findMany({ select: { id: true, onHand: true, reserved: true }, orderBy: { id: "asc" } }),
  ]);
  return { returns, returnLines, lines, events, outbox, audit, refunds, adjustments, levels };
}

const guest = { userId: null };

describe("asking for a return", () => {
  it("refuses more than shipped minus already returned, unshipped lines, forged lines and a closed window, writing nothing", async () => {
    // 3 of variant 0 (2 shipped), 1 of variant 1 (not shipped).
    const order = await shippedOrder(
      [
        { variant: 0, quantity: 3 },
        { variant: 1, quantity: 1 },
      ],
      [2, 0],
    );
    const [tees, other] = order.lines as [(typeof order.lines)[0], (typeof order.lines)[0]];
    const ask = (lines: { orderLineId: string; quantity: number }[], now?: Date) =>
      requestReturn(prisma, guest, { orderId: order.id, lines, reason: "wrong_size", requestKey: key("ret") }, { now });

    const before = await writes();
    await expectRefused(ask([{ orderLineId: tees.id, quantity: 3 }]), "over_return");
    await expectRefused(ask([{ orderLineId: other.id, quantity: 1 }]), "over_return");
    const elsewhere = await shippedOrder([{ variant: 1, quantity: 1 }]);
    const afterOther = await writes();
    await expectRefused(ask([{ orderLineId: elsewhere.lines[0]!.id, quantity: 1 }]), "line_not_in_order");
    await expectRefused(
      ask([{ orderLineId: tees.id, quantity: 1 }], new Date(Date.now() + 31 * 86_400_000)),
      "over_return",
    );
    expect(await writes()).toEqual(afterOther);
    expect(before.returns).toEqual(afterOther.returns);

    const first = await ask([{ orderLineId: tees.id, quantity: 1 }]);
    expect(first.outcome).toBe("requested");
    const second = await ask([{ orderLineId: tees.id, quantity: 1 }]);
    expect(second.outcome).toBe("requested");
    // Both shipped units are now in returns: a third is an over-return.
    await expectRefused(ask([{ orderLineId: tees.id, quantity: 1 }]), "over_return");
    expect(await prisma.orderLine.findUniqueOrThrow({ where: { id: tees.id } })).toMatchObject({
      fulfilledQuantity: 2,
      returnedQuantity: 2,
    });

    // A rejected return frees its units; the shopper reads the seller's message.
    await rejectReturn(prisma, staff, { returnId: second.returnId, message: "Worn items cannot be returned." });
    expect((await prisma.orderLine.findUniqueOrThrow({ where: { id: tees.id } })).returnedQuantity).toBe(1);
    expect((await ask([{ orderLineId: tees.id, quantity: 1 }])).outcome).toBe("requested");
    const event = await prisma.outboxEvent.findFirstOrThrow({
      where: { dedupeKey: `return-update:${second.returnId}:rejected` },
    });
    const email = await renderEmailEvent(prisma, event.topic, event.payload);
    expect(email?.to).toBe(order.email);
    expect(email?.text).toContain("Message from the store: Worn items cannot be returned.");
  });

  it("a double submit is one return; five different requests for the same units at once claim them once", async () => {
    const order = await shippedOrder([{ variant: 1, quantity: 2 }]);
    const line = order.lines[0]!;
    const requestKey = key("same");
    const input = {
      orderId: order.id,
      lines: [{ orderLineId: line.id, quantity: 2 }],
      reason: "changed_mind" as const,
    };
    const same = await Promise.all(
      Array.from({ length: 3 }, () => requestReturn(prisma, guest, { ...input, requestKey })),
    );
    expect(new Set(same.map((result) => result.returnId)).size).toBe(1);

    const other = await shippedOrder([{ variant: 1, quantity: 2 }]);
    const otherLine = other.lines[0]!;
    const settled = await Promise.allSettled(
      Array.from({ length: 5 }, () =>
        requestReturn(prisma, guest, {
          orderId: other.id,
          lines: [{ orderLineId: otherLine.id, quantity: 2 }],
          reason: "changed_mind",
          requestKey: key("race"),
        }),
      ),
    );
    expect(settled.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of settled.filter((entry) => entry.status === "rejected"))
      expect((result.reason as UserError).code).toBe("over_return");
    expect(await prisma.returnRequest.count({ where: { orderId: other.id } })).toBe(1);
    expect((await prisma.orderLine.findUniqueOrThrow({ where: { id: otherLine.id } })).returnedQuantity).toBe(2);
  });

  it("offers every other option of the same product, dearer ones included, and refuses a foreign one", async () => {
    const order = await shippedOrder([{ variant: 0, quantity: 1 }]);
    const dear = await prisma.variant.create({
      data: {
        productId: store.productIds[0]!,
        sku: `DEAR-${randomUUID().slice(0, 6)}`,
        title: "XXL",
        priceCents: 3000,
      },
    });
    const [line] = await returnFormLines(prisma, order.id);
    expect(line?.exchanges.map((variant) => variant.id).sort()).toEqual(
      [options.same, options.cheaper, options.scarce, dear.id].sort(),
    );
    await expectRefused(
      requestReturn(prisma, guest, {
        orderId: order.id,
        lines: [{ orderLineId: order.lines[0]!.id, quantity: 1, exchangeVariantId: store.variantIds[1]! }],
        reason: "wrong_size",
        requestKey: key("ex"),
      }),
      "exchange_not_offered",
    );
    await prisma.variant.delete({ where: { id: dear.id } });
  });
});

describe("approving, receiving and refunding", () => {
  it("concurrent approvals of the same return approve it once: one timeline entry, one email", async () => {
    const order = await shippedOrder([{ variant: 1, quantity: 1 }]);
    const { returnId } = await requestReturn(prisma, guest, {
      orderId: order.id,
      lines: [{ orderLineId: order.lines[0]!.id, quantity: 1 }],
      reason: "damaged",
      requestKey: key("ret"),
    });
    const results = await Promise.all(Array.from({ length: 5 }, () => approveReturn(prisma, staff, { returnId })));
    expect(results.filter((result) => result.outcome === "approved")).toHaveLength(1);
    expect(results.filter((result) => result.outcome === "unchanged")).toHaveLength(4);
    expect(await prisma.orderEvent.count({ where: { orderId: order.id, type: "return_approved" } })).toBe(1);
    expect(await prisma.outboxEvent.count({ where: { dedupeKey: `return-update:${returnId}:approved` } })).toBe(1);
    // Approved, it can no longer be rejected.
    expect(await rejectReturn(prisma, staff, { returnId, message: "Too late" })).toMatchObject({
      outcome: "unchanged",
    });
  });

  it("a guest returns one of two items: resellable stock back where chosen, damaged not, refunded exactly once", async () => {
    const order = await shippedOrder([
      { variant: 0, quantity: 2 },
      { variant: 1, quantity: 1 },
    ]);
    const [tees, mug] = order.lines as [(typeof order.lines)[0], (typeof order.lines)[0]];
    const { returnId } = await requestReturn(prisma, guest, {
      orderId: order.id,
      lines: [
        { orderLineId: tees.id, quantity: 1 },
        { orderLineId: mug.id, quantity: 1 },
      ],
      reason: "not_as_described",
      requestKey: key("ret"),
    });
    await expectRefused(refundReturn(prisma, admin, { returnId }), "return_not_received");
    await expectRefused(
      receiveReturnLine(prisma, admin, {
        returnId,
        returnLineId: (await prisma.returnLine.findFirstOrThrow({ where: { returnId } })).id,
        locationId: store.locationIds[1],
        condition: "RESELLABLE",
      }),
      "return_not_approved",
    );
    await approveReturn(prisma, staff, { returnId, message: "Send it to the West warehouse." });
    const lines = await prisma.returnLine.findMany({ where: { returnId } });
    const teeLine = lines.find((line) => line.orderLineId === tees.id)!;
    const mugLine = lines.find((line) => line.orderLineId === mug.id)!;

    const teesWest = await onHand(store.variantIds[0]!, store.locationIds[1]);
    const mugsBefore = [
      await onHand(store.variantIds[1]!, store.locationIds[0]),
      await onHand(store.variantIds[1]!, store.locationIds[1]),
    ];
    const received = await receiveReturnLine(prisma, staff, {
      returnId,
      returnLineId: teeLine.id,
      locationId: store.locationIds[1],
      condition: "RESELLABLE",
    });
    expect(received).toEqual({ outcome: "received", status: "APPROVED" });
    // Receiving twice restocks once.
    expect(
      await receiveReturnLine(prisma, staff, {
        returnId,
        returnLineId: teeLine.id,
        locationId: store.locationIds[1],
        condition: "RESELLABLE",
      }),
    ).toMatchObject({ outcome: "already_received" });
    expect(await onHand(store.variantIds[0]!, store.locationIds[1])).toEqual({
      ...teesWest!,
      onHand: teesWest!.onHand + 1,
    });
    expect(
      await receiveReturnLine(prisma, staff, {
        returnId,
        returnLineId: mugLine.id,
        locationId: store.locationIds[0],
        condition: "DAMAGED",
      }),
    ).toEqual({ outcome: "received", status: "RECEIVED" });
    // The damaged unit never returns to sellable stock.
    expect([
      await onHand(store.variantIds[1]!, store.locationIds[0]),
      await onHand(store.variantIds[1]!, store.locationIds[1]),
    ]).toEqual(mugsBefore);
    expect(
      await prisma.inventoryAdjustment.findMany({
        where: { orderId: order.id, reason: "RETURN" },
        select: { variantId: true, locationId: true, delta: true, actorId: true },
      }),
    ).toEqual([{ variantId: store.variantIds[0]!, locationId: store.locationIds[1], delta: 1, actorId: staff.id }]);

    // Five clicks at once, then a replay: one refund of the two units' credit.
    const due = teeLine.creditCents + mugLine.creditCents;
    expect(teeLine.creditCents).toBe(Math.floor(tees.totalCents / 2));
    const results = await Promise.all(Array.from({ length: 5 }, () => refundReturn(prisma, admin, { returnId })));
    expect(new Set(results.map((result) => result.refundId)).size).toBe(1);
    expect(results.filter((result) => result.outcome === "refunded")).toHaveLength(1);
    expect((await refundReturn(prisma, admin, { returnId })).outcome).toBe("replayed");
    const refunds = await prisma.refund.findMany({ where: { orderId: order.id } });
    expect(refunds).toEqual([
      expect.objectContaining({ amountCents: due, status: "SUCCEEDED", createdById: admin.id }),
    ]);
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      refundedCents: due,
      paymentStatus: "PARTIALLY_REFUNDED",
    });
    expect(await prisma.returnRequest.findUniqueOrThrow({ where: { id: returnId } })).toMatchObject({
      status: "COMPLETED",
      refundCents: due,
      refundId: refunds[0]!.id,
    });
    const types = (await prisma.orderEvent.findMany({ where: { orderId: order.id, public: true } })).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(["return_requested", "return_approved", "return_received", "return_refunded"]),
    );
    for (const step of ["requested", "approved", "received", "refunded"]) {
      const event = await prisma.outboxEvent.findFirstOrThrow({
        where: { dedupeKey: `return-update:${returnId}:${step}` },
      });
      const email = await renderEmailEvent(prisma, event.topic, event.payload);
      expect(email?.to).toBe(order.email);
    }
  });

  it("a staff member's return refund respects the staff refund limit, and the refusal is audited", async () => {
    process.env.STAFF_REFUND_LIMIT_CENTS = "100";
    try {
      const order = await shippedOrder([{ variant: 1, quantity: 1 }]);
      const { returnId } = await requestReturn(prisma, guest, {
        orderId: order.id,
        lines: [{ orderLineId: order.lines[0]!.id, quantity: 1 }],
        reason: "changed_mind",
        requestKey: key("ret"),
      });
      await approveReturn(prisma, staff, { returnId });
      const line = await prisma.returnLine.findFirstOrThrow({ where: { returnId } });
      await receiveReturnLine(prisma, staff, {
        returnId,
        returnLineId: line.id,
        locationId: store.locationIds[0],
        condition: "RESELLABLE",
      });
      await expectRefused(refundReturn(prisma, staff, { returnId }), "refund_limit");
      expect(await prisma.refund.count({ where: { orderId: order.id } })).toBe(0);
      expect(await prisma.auditLog.count({ where: { entityId: order.id, action: "order.refund.refused" } })).toBe(1);
    } finally {
      delete process.env.STAFF_REFUND_LIMIT_CENTS;
    }
  });
});

describe("exchanges", () => {
  async function exchangeReturn(exchangeVariantId: string) {
    const order = await shippedOrder([{ variant: 0, quantity: 1 }]);
    await markDelivered(prisma, admin, { orderId: order.id });
    const { returnId } = await requestReturn(prisma, guest, {
      orderId: order.id,
      lines: [{ orderLineId: order.lines[0]!.id, quantity: 1, exchangeVariantId }],
      reason: "wrong_size",
      requestKey: key("ex"),
    });
    return { order, returnId };
  }

  async function receiveAll(returnId: string) {
    for (const line of await prisma.returnLine.findMany({ where: { returnId } }))
      await receiveReturnLine(prisma, staff, {
        returnId,
        returnLineId: line.id,
        locationId: store.locationIds[0],
        condition: "RESELLABLE",
      });
  }

  it("a same-price exchange: reserved and sold when approved, shipped as a shipment of the order, nothing refunded", async () => {
    const { order, returnId } = await exchangeReturn(options.same);
    const before = await onHand(options.same);
    await approveReturn(prisma, staff, { returnId });
    expect(await onHand(options.same)).toEqual({ onHand: before!.onHand - 1, reserved: 0 });
    const exchangeLine = await prisma.orderLine.findFirstOrThrow({
      where: { orderId: order.id, variantId: options.same },
    });
    expect(exchangeLine).toMatchObject({ quantity: 1, unitPriceCents: 0, totalCents: 0, fulfilledQuantity: 0 });
    expect(
      await prisma.inventoryAdjustment.count({
        where: { orderId: order.id, variantId: options.same, reason: "SALE", delta: -1 },
      }),
    ).toBe(1);
    // The delivered order has something to ship again.
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PARTIALLY_FULFILLED");

    const ship = { returnId, carrier: "UPS", trackingNumber: "1ZEXCHANGE0001", requestKey: key("xship") };
    await expectRefused(shipReturnExchange(prisma, staff, ship), "return_not_received");
    await receiveAll(returnId);
    await expectRefused(refundReturn(prisma, admin, { returnId }), "nothing_to_refund");
    expect(await shipReturnExchange(prisma, staff, ship)).toEqual({ outcome: "shipped", status: "COMPLETED" });
    expect(await shipReturnExchange(prisma, staff, ship)).toMatchObject({ outcome: "replayed" });
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
      status: "FULFILLED",
      refundedCents: 0,
    });
    const shipment = await prisma.shipment.findFirstOrThrow({
      where: { orderId: order.id, trackingNumber: "1ZEXCHANGE0001" },
    });
    expect(
      await prisma.shipmentLine.findMany({
        where: { shipmentId: shipment.id },
        select: { orderLineId: true, quantity: true },
      }),
    ).toEqual([{ orderLineId: exchangeLine.id, quantity: 1 }]);
    expect(await prisma.outboxEvent.count({ where: { dedupeKey: `order-shipped:${shipment.id}` } })).toBe(1);
  });

  it("a cheaper exchange refunds the difference once, then ships", async () => {
    const { order, returnId } = await exchangeReturn(options.cheaper);
    await approveReturn(prisma, admin, { returnId });
    await receiveAll(returnId);
    const line = await prisma.returnLine.findFirstOrThrow({ where: { returnId } });
    const difference = line.creditCents - line.exchangeCents;
    expect(line.exchangeCents).toBe(Math.floor((order.lines[0]!.totalCents * 2000) / 2500));
    expect(difference).toBeGreaterThan(0);
    expect(await refundReturn(prisma, admin, { returnId })).toMatchObject({
      outcome: "refunded",
      amountCents: difference,
    });
    expect((await prisma.returnRequest.findUniqueOrThrow({ where: { id: returnId } })).status).toBe("RECEIVED");
    await shipReturnExchange(prisma, admin, {
      returnId,
      carrier: "UPS",
      trackingNumber: "1ZCHEAPER001",
      requestKey: key("x"),
    });
    expect(await prisma.returnRequest.findUniqueOrThrow({ where: { id: returnId } })).toMatchObject({
      status: "COMPLETED",
      refundCents: difference,
    });
    expect((await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).refundedCents).toBe(difference);
  });

  it("when the new variant sells out meanwhile, approval is refused and writes nothing; refunding instead works", async () => {
    const { order, returnId } = await exchangeReturn(options.scarce);
    const other = await exchangeReturn(options.scarce);
    // Someone else's checkout takes the last unit.
    const cartId = await createCart(prisma, [{ variantId: options.scarce, quantity: 1 }]);
    await placeOrder(prisma, checkoutInput(cartId));
    const before = await writes();
    await expectRefused(approveReturn(prisma, staff, { returnId }), "out_of_stock");
    expect(await writes()).toEqual(before);
    expect(await onHand(options.scarce)).toEqual({ onHand: 1, reserved: 1 });

    expect(await approveReturn(prisma, staff, { returnId, refundInsteadOfExchange: true })).toMatchObject({
      outcome: "approved",
    });
    expect(await prisma.orderLine.count({ where: { orderId: order.id } })).toBe(1);
    await receiveAll(returnId);
    const line = await prisma.returnLine.findFirstOrThrow({ where: { returnId } });
    expect(await refundReturn(prisma, admin, { returnId })).toMatchObject({
      outcome: "refunded",
      amountCents: line.creditCents,
    });
    expect((await prisma.returnRequest.findUniqueOrThrow({ where: { id: returnId } })).status).toBe("COMPLETED");
    await expectRefused(approveReturn(prisma, staff, { returnId: other.returnId }), "out_of_stock");
  });

  it("two exchanges of the last unit approved at once: one gets it, stock never goes below zero", async () => {
    const variant = await prisma.variant.create({
      data: { productId: store.productIds[0]!, sku: `LAST-${randomUUID().slice(0, 6)}`, title: "XS", priceCents: 2500 },
    });
    await prisma.inventoryLevel.create({
      data: { variantId: variant.id, locationId: store.locationIds[0], onHand: 1 },
    });
    const first = await exchangeReturn(variant.id);
    const second = await exchangeReturn(variant.id);
    const settled = await Promise.allSettled([
      approveReturn(prisma, staff, { returnId: first.returnId }),
      approveReturn(prisma, staff, { returnId: second.returnId }),
    ]);
    expect(settled.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const refused = settled.find((result) => result.status === "rejected");
    expect((refused?.reason as UserError).code).toBe("out_of_stock");
    expect(await onHand(variant.id)).toEqual({ onHand: 0, reserved: 0 });
    expect(await prisma.orderLine.count({ where: { variantId: variant.id } })).toBe(1);
  });
});
