// What STAFF may do with money, against a real PostgreSQL: refunds limited per order and per staff member
// per day (also under concurrency), coupons above the staff thresholds and large price changes (product
// editor and CSV import) for admins only, and every refusal audited although the refused change rolled
// back.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staffChangeLimits } from "@/lib/auth/staff-limits";
import { ProductFieldError } from "@/lib/catalog/admin/errors";
import { getProductForEdit, productToFormValues } from "@/lib/catalog/admin/read";
import { parseProductForm, type ProductInput } from "@/lib/catalog/admin/schemas";
import { createProduct, updateProduct } from "@/lib/catalog/admin/write";
import { placeOrder } from "@/lib/checkout/place-order";
import { createCoupon, setCouponActive, updateCoupon } from "@/lib/coupons/admin/write";
import type { CouponInput } from "@/lib/coupons/schema";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import type { OrderActor } from "@/lib/orders/admin-common";
import { cancelOrder } from "@/lib/orders/cancel";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { staffRefundLimits } from "@/lib/orders/refund-limits";
import { refundOrder } from "@/lib/orders/refund-order";
import { importProductsCsv } from "@/lib/catalog/csv";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { checkoutInput, createCart, createStore, type Store } from "../helpers/checkout-fixture";

let db: TestDatabase;
let prisma: Db;
let store: Store;
let admin: OrderActor;
const savedEnv = { ...process.env };

beforeAll(async () => {
  db = await createTestDatabase("staff_limits");
  prisma = db.prisma;
  for (const name of [
    "STAFF_REFUND_LIMIT_CENTS",
    "STAFF_REFUND_DAILY_LIMIT_CENTS",
    "STAFF_COUPON_MAX_PERCENT",
    "STAFF_COUPON_MAX_AMOUNT_CENTS",
    "STAFF_PRICE_CHANGE_MAX_PERCENT",
  ])
    delete process.env[name];
  admin = await user("ADMIN");
  // One variant at 60.00: a paid order of one is 65.00 with shipping, of two 120.00 (free shipping).
  store = await createStore(prisma, { variants: [{ priceCents: 6000, stock: [500, 500] }] });
});
afterAll(async () => {
  process.env = savedEnv;
  await db?.drop();
});

async function user(role: "ADMIN" | "STAFF"): Promise<OrderActor> {
  const created = await prisma.user.create({
    data: { email: `${role.toLowerCase()}-${randomUUID()}@example.com`, role },
    select: { id: true, role: true },
  });
  return created;
}

const key = (kind: string) => `${kind}:${randomUUID()}`;

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

async function paidOrder(quantity = 2) {
  const cartId = await createCart(prisma, [{ variantId: store.variantIds[0]!, quantity }]);
  const { order } = await placeOrder(prisma, checkoutInput(cartId));
  const paid = await markOrderPaid(prisma, {
    orderId: order.id,
    provider: "TEST",
    providerRef: `testpay_${order.id}`,
    amountCents: order.totalCents,
    currency: order.currency,
  });
  expect(paid.outcome).toBe("paid");
  return order;
}

const refund = (actor: OrderActor, orderId: string, amountCents: number) =>
  refundOrder(prisma, actor, { orderId, amountCents, reason: "other", requestKey: key("refund") });

const refusedAudits = (action: string, actorId: string) =>
  prisma.auditLog.findMany({ where: { action, actorId }, orderBy: { createdAt: "asc" } });

describe("staff refund limits", () => {
  it("defaults: 100.00 per order, and the same per staff member per day unless set", () => {
    expect(staffRefundLimits({})).toEqual({ perOrderCents: 10_000, perDayCents: 10_000 });
    expect(staffRefundLimits({ STAFF_REFUND_LIMIT_CENTS: "5000" })).toEqual({ perOrderCents: 5000, perDayCents: 5000 });
    expect(staffRefundLimits({ STAFF_REFUND_LIMIT_CENTS: "5000", STAFF_REFUND_DAILY_LIMIT_CENTS: "50000" })).toEqual({
      perOrderCents: 5000,
      perDayCents: 50_000,
    });
    expect(staffRefundLimits({ STAFF_REFUND_DAILY_LIMIT_CENTS: "a lot" })).toEqual({
      perOrderCents: 10_000,
      perDayCents: 10_000,
    });
  });

  it("per order: refunds split into small ones cannot pass the limit together, whoever makes them", async () => {
    process.env.STAFF_REFUND_DAILY_LIMIT_CENTS = "1000000"; // only the per-order limit here
    try {
      const order = await paidOrder(); // 120.00
      const first = await user("STAFF");
      const second = await user("STAFF");
      for (let n = 0; n < 4; n++) expect((await refund(first, order.id, 2000)).outcome).toBe("refunded");
      expect((await refund(second, order.id, 2000)).outcome).toBe("refunded"); // 100.00 in all
      const before = await prisma.refund.count({ where: { orderId: order.id } });
      const error = await refusal(refund(second, order.id, 1));
      expect(error.code).toBe("refund_limit");
      expect(error.message).toBe(
        "Staff can refund at most $100.00 on one order ($100.00 of this order is already refunded or pending). Ask an admin to refund $0.01.",
      );
      expect(await prisma.refund.count({ where: { orderId: order.id } })).toBe(before);
      // Audited on its own, although the refused refund's transaction rolled back.
      expect(await refusedAudits("order.refund.refused", second.id)).toMatchObject([
        {
          entityType: "Order",
          entityId: order.id,
          data: { via: "refund", limit: "per_order", amountCents: 1, alreadyCents: 10_000, limitCents: 10_000 },
        },
      ]);
      // Cancelling (which refunds the rest) is refused the same way; an admin may do either.
      expect(
        (
          await refusal(
            cancelOrder(prisma, first, { orderId: order.id, reason: "Customer request", requestKey: key("c") }),
          )
        ).code,
      ).toBe("refund_limit");
      expect(await refusedAudits("order.refund.refused", first.id)).toMatchObject([{ data: { via: "cancel" } }]);
      expect((await refund(admin, order.id, 1000)).outcome).toBe("refunded");
    } finally {
      delete process.env.STAFF_REFUND_DAILY_LIMIT_CENTS;
    }
  });

  it("per staff member per day: across orders, over the last 24 hours; failed refunds do not count", async () => {
    const clerk = await user("STAFF");
    const orders = await Promise.all([paidOrder(), paidOrder(), paidOrder()]);
    expect((await refund(clerk, orders[0].id, 6000)).outcome).toBe("refunded");
    const error = await refusal(refund(clerk, orders[1].id, 4001));
    expect(error.message).toBe(
      "Staff can refund at most $100.00 a day (you have refunded $60.00 in the last 24 hours). Ask an admin to refund $40.01.",
    );
    expect(await refusedAudits("order.refund.refused", clerk.id)).toMatchObject([
      { entityId: orders[1].id, data: { limit: "per_day", alreadyCents: 6000, amountCents: 4001 } },
    ]);
    expect((await refund(clerk, orders[1].id, 4000)).outcome).toBe("refunded");
    // Another staff member has an allowance of their own.
    expect((await refund(await user("STAFF"), orders[2].id, 5000)).outcome).toBe("refunded");

    // A refund that failed gives its amount back; one older than 24 hours has left the window.
    const [failed, old] = await prisma.refund.findMany({
      where: { createdById: clerk.id },
      orderBy: { createdAt: "asc" },
    });
    await prisma.refund.update({ where: { id: failed!.id }, data: { status: "FAILED" } });
    await prisma.refund.update({
      where: { id: old!.id },
      data: { createdAt: new Date(Date.now() - 25 * 60 * 60 * 1000) },
    });
    expect((await refund(clerk, orders[2].id, 5000)).outcome).toBe("refunded");
  });

  it("concurrent refunds by one staff member on different orders never pass the daily limit together", async () => {
    const clerk = await user("STAFF");
    const orders = await Promise.all(Array.from({ length: 8 }, () => paidOrder(1)));
    const results = await Promise.allSettled(orders.map((order) => refund(clerk, order.id, 3000)));
    const refunded = results.filter((result) => result.status === "fulfilled");
    expect(refunded).toHaveLength(3); // 90.00 of 100.00
    for (const result of results) {
      if (result.status === "rejected") expect((result.reason as UserError).code).toBe("refund_limit");
    }
    const total = await prisma.refund.aggregate({ where: { createdById: clerk.id }, _sum: { amountCents: true } });
    expect(total._sum.amountCents).toBe(9000);
    expect(await refusedAudits("order.refund.refused", clerk.id)).toHaveLength(5);
  });

  it("concurrent refunds of one order by several staff members never pass the per-order limit together", async () => {
    process.env.STAFF_REFUND_DAILY_LIMIT_CENTS = "1000000";
    try {
      const order = await paidOrder(); // 120.00
      const clerks = await Promise.all(Array.from({ length: 6 }, () => user("STAFF")));
      const results = await Promise.allSettled(clerks.map((clerk) => refund(clerk, order.id, 3000)));
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
      const total = await prisma.refund.aggregate({ where: { orderId: order.id }, _sum: { amountCents: true } });
      expect(total._sum.amountCents).toBe(9000);
    } finally {
      delete process.env.STAFF_REFUND_DAILY_LIMIT_CENTS;
    }
  });

  it("admins have no limit", async () => {
    const order = await paidOrder(); // 120.00
    expect((await refund(admin, order.id, 12_000)).outcome).toBe("refunded");
  });
});

describe("admin-only coupons", () => {
  const uniqueCode = (prefix: string) => `${prefix}-${randomUUID().slice(0, 6)}`.toUpperCase();
  function form(overrides: Partial<CouponInput> = {}): CouponInput {
    return {
      code: uniqueCode("BIG"),
      description: "",
      type: "PERCENTAGE",
      value: "15",
      currency: "USD",
      minSubtotal: "",
      usageLimit: "",
      perCustomerLimit: "",
      startsAt: "",
      endsAt: "",
      scope: "ORDER",
      categoryIds: [],
      productIds: [],
      ...overrides,
    };
  }

  it("defaults: staff may manage coupons up to 25% or 25.00 off", () => {
    expect(staffChangeLimits({})).toMatchObject({ couponMaxPercentBps: 2500, couponMaxAmountCents: 2500 });
    expect(staffChangeLimits({ STAFF_COUPON_MAX_PERCENT: "40", STAFF_COUPON_MAX_AMOUNT_CENTS: "1000" })).toMatchObject({
      couponMaxPercentBps: 4000,
      couponMaxAmountCents: 1000,
    });
    expect(staffChangeLimits({ STAFF_COUPON_MAX_PERCENT: "250" })).toMatchObject({ couponMaxPercentBps: 2500 });
  });

  it("staff cannot create a coupon above the thresholds; the refusal is audited and nothing else written", async () => {
    const clerk = await user("STAFF");
    const coupons = await prisma.coupon.count();
    const percent = form({ value: "25.5" });
    const error = await refusal(createCoupon(prisma, clerk, percent));
    expect(error.code).toBe("coupon_admin_only");
    expect(error.message).toBe("Only an admin can manage a coupon of more than 25% off.");
    expect(error.details?.fieldErrors).toEqual({ value: "Only an admin can manage a coupon of more than 25% off." });
    const amount = await refusal(createCoupon(prisma, clerk, form({ type: "FIXED_AMOUNT", value: "25.01" })));
    expect(amount.message).toBe("Only an admin can manage a coupon of more than $25.00 off.");
    expect(await prisma.coupon.count()).toBe(coupons);
    const created = await refusedAudits("coupon.create.refused", clerk.id);
    expect(created).toHaveLength(2);
    expect(created).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          entityType: "Coupon",
          entityId: percent.code,
          data: expect.objectContaining({ role: "STAFF", code: percent.code }),
        }),
        expect.objectContaining({
          data: expect.objectContaining({ coupons: [{ type: "FIXED_AMOUNT", value: 2501, currency: "USD" }] }),
        }),
      ]),
    );
    // At the thresholds, staff may; above them, an admin may.
    await createCoupon(prisma, clerk, form({ value: "25" }));
    await createCoupon(prisma, clerk, form({ type: "FIXED_AMOUNT", value: "25.00" }));
    await createCoupon(prisma, admin, form({ value: "60" }));
  });

  it("an admin-only coupon stays admin-only for staff: no edit (not even lowering it), no enabling; disabling is fine", async () => {
    const clerk = await user("STAFF");
    const big = form({ value: "50" });
    const coupon = await createCoupon(prisma, admin, big);
    const before = await prisma.coupon.findUniqueOrThrow({ where: { id: coupon.id } });
    expect((await refusal(updateCoupon(prisma, clerk, coupon.id, { ...big, value: "10" }))).code).toBe(
      "coupon_admin_only",
    );
    expect((await refusal(updateCoupon(prisma, clerk, coupon.id, { ...big, usageLimit: "1000" }))).code).toBe(
      "coupon_admin_only",
    );
    expect(await prisma.coupon.findUniqueOrThrow({ where: { id: coupon.id } })).toEqual(before);
    // A staff-size coupon cannot be raised above the threshold by staff either.
    const small = await createCoupon(prisma, clerk, form({ value: "10" }));
    expect((await refusal(updateCoupon(prisma, clerk, small.id, form({ code: small.code, value: "30" })))).code).toBe(
      "coupon_admin_only",
    );

    await setCouponActive(prisma, clerk, coupon.id, false);
    expect((await refusal(setCouponActive(prisma, clerk, coupon.id, true))).code).toBe("coupon_admin_only");
    expect((await prisma.coupon.findUniqueOrThrow({ where: { id: coupon.id } })).active).toBe(false);
    await setCouponActive(prisma, admin, coupon.id, true);
    await updateCoupon(prisma, admin, coupon.id, { ...big, value: "45" });

    const values = (entry: { data: unknown }) =>
      (entry.data as { coupons: { value: number }[] }).coupons.map((stored) => stored.value);
    expect(
      (await refusedAudits("coupon.update.refused", clerk.id)).map((entry) => [entry.entityId, ...values(entry)]),
    ).toEqual(
      expect.arrayContaining([
        [coupon.id, 5000, 1000],
        [coupon.id, 5000, 5000],
        [small.id, 1000, 3000],
      ]),
    );
    expect(await refusedAudits("coupon.enable.refused", clerk.id)).toMatchObject([{ entityId: coupon.id }]);
  });
});

describe("admin-only price changes", () => {
  let categoryId: string;
  let categorySlug: string;
  let counter = 0;

  beforeAll(async () => {
    const category = await prisma.category.findUniqueOrThrow({ where: { id: store.categoryIds.child } });
    categoryId = category.id;
    categorySlug = category.slug;
  });

  function parse(values: Record<string, string>): ProductInput {
    const parsed = parseProductForm(values, "USD");
    if (!parsed.ok) throw new Error(`unexpected field errors: ${JSON.stringify(parsed.fieldErrors)}`);
    return parsed.data;
  }

  /** A product with two variants at 20.00 and 50.00, created by an admin. */
  async function product() {
    counter++;
    const prefix = `PX${counter}-${randomUUID().slice(0, 4)}`.toUpperCase();
    const created = await createProduct(
      prisma,
      admin,
      parse({
        title: `Price Tee ${prefix}`,
        description: "",
        categoryId,
        brandId: "",
        status: "ACTIVE",
        tags: "",
        seoTitle: "",
        seoDescription: "",
        stockLocationId: "",
        "options.0.name": "Size",
        "variants.0.options.0": "S",
        "variants.0.sku": `${prefix}-S`,
        "variants.0.price": "20.00",
        "variants.1.options.0": "M",
        "variants.1.sku": `${prefix}-M`,
        "variants.1.price": "50.00",
      }),
    );
    const values = productToFormValues((await getProductForEdit(prisma, created.id))!);
    return { ...created, prefix, values };
  }

  it("defaults: staff may move a price by at most 50%", () => {
    expect(staffChangeLimits({}).priceChangeMaxPercent).toBe(50);
    expect(staffChangeLimits({ STAFF_PRICE_CHANGE_MAX_PERCENT: "20" }).priceChangeMaxPercent).toBe(20);
  });

  it("the product editor refuses staff a price change above 50% with a field error, audits it, and writes nothing", async () => {
    const clerk = await user("STAFF");
    const tee = await product();
    const variantsBefore = await prisma.variant.findMany({
      where: { productId: tee.id },
      orderBy: { position: "asc" },
    });
    const refused = await refusal(
      updateProduct(
        prisma,
        clerk,
        tee.id,
        parse({ ...tee.values, "variants.0.price": "9.99", "variants.1.price": "75.01" }),
      ),
    );
    expect(refused).toBeInstanceOf(ProductFieldError);
    expect(refused.code).toBe("price_change_admin_only");
    expect((refused as ProductFieldError).fieldErrors).toEqual({
      "variants.0.price": "Only an admin can change a price by more than 50% ($20.00 to $9.99).",
      "variants.1.price": "Only an admin can change a price by more than 50% ($50.00 to $75.01).",
    });
    expect(await prisma.variant.findMany({ where: { productId: tee.id }, orderBy: { position: "asc" } })).toEqual(
      variantsBefore,
    );
    expect(await refusedAudits("product.update.refused", clerk.id)).toMatchObject([
      {
        entityType: "Product",
        entityId: tee.id,
        data: {
          role: "STAFF",
          priceChanges: [
            { sku: `${tee.prefix}-S`, fromCents: 2000, toCents: 999 },
            { sku: `${tee.prefix}-M`, fromCents: 5000, toCents: 7501 },
          ],
        },
      },
    ]);
    // Within 50% staff may; beyond it an admin may.
    await updateProduct(prisma, clerk, tee.id, parse({ ...tee.values, "variants.0.price": "10.00" }));
    const again = productToFormValues((await getProductForEdit(prisma, tee.id))!);
    await updateProduct(prisma, admin, tee.id, parse({ ...again, "variants.1.price": "500.00" }));
    expect(
      (await prisma.variant.findMany({ where: { productId: tee.id }, orderBy: { position: "asc" } })).map(
        (variant) => variant.priceCents,
      ),
    ).toEqual([1000, 50_000]);
  });

  it("the CSV import refuses staff a price change above 50%, names the row, audits real imports only", async () => {
    const clerk = await user("STAFF");
    const tee = await product();
    const csv = (sPrice: string, mPrice: string) =>
      [
        "handle,title,category,option1_name,option1_value,sku,price",
        `${tee.slug},Price Tee ${tee.prefix},${categorySlug},Size,S,${tee.prefix}-S,${sPrice}`,
        `${tee.slug},Price Tee ${tee.prefix},${categorySlug},Size,M,${tee.prefix}-M,${mPrice}`,
      ].join("\n");
    const dry = await importProductsCsv(prisma, csv("20.00", "10.00"), { actorId: clerk.id, dryRun: true });
    expect(dry).toEqual({
      ok: false,
      errorCount: 1,
      errors: [
        { row: 3, column: "price", message: "Only an admin can change a price by more than 50% ($50.00 to $10.00)." },
      ],
    });
    expect(await refusedAudits("product.import.refused", clerk.id)).toEqual([]);

    const real = await importProductsCsv(prisma, csv("20.00", "10.00"), { actorId: clerk.id, fileName: "prices.csv" });
    expect(real.ok).toBe(false);
    expect((await prisma.variant.findFirstOrThrow({ where: { sku: `${tee.prefix}-M` } })).priceCents).toBe(5000);
    expect(await refusedAudits("product.import.refused", clerk.id)).toMatchObject([
      {
        entityType: "ProductImport",
        data: {
          role: "STAFF",
          fileName: "prices.csv",
          priceChanges: [{ row: 3, sku: `${tee.prefix}-M`, fromCents: 5000, toCents: 1000, currency: "USD" }],
        },
      },
    ]);

    expect((await importProductsCsv(prisma, csv("25.00", "40.00"), { actorId: clerk.id })).ok).toBe(true);
    expect((await importProductsCsv(prisma, csv("25.00", "4.00"), { actorId: admin.id })).ok).toBe(true);
    expect((await prisma.variant.findFirstOrThrow({ where: { sku: `${tee.prefix}-M` } })).priceCents).toBe(400);
  });
});
