// Coupon administration against a real PostgreSQL: create / edit / disable with audit entries, the field
// errors of bad values (nothing written), codes unique case-insensitively (also under concurrency), and
// coupons made here working at checkout (placeOrder → lib/pricing/coupons.ts) with their usage counted.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { auditTrail } from "@/lib/audit/log";
import { categoryOptions, searchProductOptions } from "@/lib/coupons/admin/pickers";
import { getCoupon, listCoupons } from "@/lib/coupons/admin/read";
import { createCoupon, setCouponActive, updateCoupon } from "@/lib/coupons/admin/write";
import { formatPercent, parseMinorUnits, type CouponInput } from "@/lib/coupons/schema";
import { placeOrder } from "@/lib/checkout/place-order";
import { markOrderPaid } from "@/lib/orders/mark-paid";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { checkoutInput, createCart, createStore, type Store } from "../helpers/checkout-fixture";

let db: TestDatabase;
let prisma: Db;
let actor: { id: string };
let store: Store;

beforeAll(async () => {
  db = await createTestDatabase("admin_coupons");
  prisma = db.prisma;
  actor = await prisma.user.create({
    data: { email: `admin-${randomUUID()}@example.com`, role: "ADMIN" },
    select: { id: true },
  });
  store = await createStore(prisma, {
    variants: [
      { priceCents: 4000, stock: [50, 0] },
      { priceCents: 2000, stock: [50, 0] },
    ],
  });
});
afterAll(async () => {
  await db?.drop();
});

async function rejection(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

const uniqueCode = (prefix: string) => `${prefix}-${randomUUID().slice(0, 6)}`.toUpperCase();

function form(overrides: Partial<CouponInput> = {}): CouponInput {
  return {
    code: uniqueCode("SAVE"),
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

async function writes() {
  const [coupons, categories, products, audit] = await Promise.all([
    prisma.coupon.findMany({ orderBy: { id: "asc" } }),
    prisma.couponCategory.count(),
    prisma.couponProduct.count(),
    prisma.auditLog.count(),
  ]);
  return { coupons, categories, products, audit };
}

async function order(
  variantId: string,
  quantity: number,
  couponCode: string,
  email = `buyer-${randomUUID().slice(0, 6)}@example.com`,
) {
  const cartId = await createCart(prisma, [{ variantId, quantity }]);
  return (await placeOrder(prisma, checkoutInput(cartId, { email, couponCode }))).order;
}

async function pay(placed: { id: string; totalCents: number }) {
  const result = await markOrderPaid(prisma, {
    orderId: placed.id,
    provider: "TEST",
    providerRef: `pay_${placed.id}`,
    amountCents: placed.totalCents,
    currency: "USD",
  });
  expect(result.outcome).toBe("paid");
}

describe("createCoupon", () => {
  it("stores the parsed values (code upper-cased, percent in basis points, money in cents, UTC window) with an audit entry", async () => {
    const code = uniqueCode("spring");
    const created = await createCoupon(
      prisma,
      actor,
      form({
        code: ` ${code.toLowerCase()} `,
        description: "Spring sale",
        value: "12.5",
        minSubtotal: "30.00",
        usageLimit: "100",
        perCustomerLimit: 2,
        startsAt: "2026-03-01T00:00",
        endsAt: "2026-04-01T00:00",
        scope: "CATEGORIES",
        categoryIds: [store.categoryIds.parent],
      }),
    );
    expect(created.code).toBe(code);
    const stored = await prisma.coupon.findUniqueOrThrow({ where: { id: created.id }, include: { categories: true } });
    expect(stored).toMatchObject({
      code,
      description: "Spring sale",
      type: "PERCENTAGE",
      value: 1250,
      currency: "USD",
      minSubtotalCents: 3000,
      usageLimit: 100,
      perCustomerLimit: 2,
      startsAt: new Date("2026-03-01T00:00:00Z"),
      endsAt: new Date("2026-04-01T00:00:00Z"),
      scope: "CATEGORIES",
      active: true,
      timesRedeemed: 0,
    });
    expect(stored.categories.map((entry) => entry.categoryId)).toEqual([store.categoryIds.parent]);
    const [audit] = await auditTrail(prisma, "Coupon", created.id);
    expect(audit).toMatchObject({
      action: "coupon.create",
      actorId: actor.id,
      data: expect.objectContaining({ code, value: 1250, scope: "CATEGORIES" }),
    });
  });

  it("refuses a code already used, whatever its case, also when created concurrently", async () => {
    const code = uniqueCode("dup");
    await createCoupon(prisma, actor, form({ code }));
    const before = await writes();
    const error = await rejection(createCoupon(prisma, actor, form({ code: code.toLowerCase() })));
    expect([error.code, error.message]).toEqual([
      "coupon_code_taken",
      `The code ${code} is already used by another coupon.`,
    ]);
    expect(error.details?.fieldErrors).toEqual({ code: `The code ${code} is already used by another coupon.` });
    expect(await writes()).toEqual(before);

    const race = uniqueCode("race");
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        createCoupon(prisma, actor, form({ code: i % 2 ? race : race.toLowerCase() })),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") expect((result.reason as UserError).code).toBe("coupon_code_taken");
    }
    expect(await prisma.coupon.count({ where: { code: race } })).toBe(1);
  });

  it("refuses bad values with a message per field, writing nothing", async () => {
    const before = await writes();
    const cases: [Partial<CouponInput>, string, string][] = [
      [{ code: "" }, "code", "Enter a code."],
      [{ code: "ab" }, "code", "Use 3 to 32 letters, digits, dashes or underscores, starting with a letter or digit."],
      [
        { code: "TEN OFF" },
        "code",
        "Use 3 to 32 letters, digits, dashes or underscores, starting with a letter or digit.",
      ],
      [{ value: "0" }, "value", "Enter a percentage from 1 to 100 (at most 2 decimals)."],
      [{ value: "0.5" }, "value", "Enter a percentage from 1 to 100 (at most 2 decimals)."],
      [{ value: "101" }, "value", "Enter a percentage from 1 to 100 (at most 2 decimals)."],
      [{ value: "12.345" }, "value", "Enter a percentage from 1 to 100 (at most 2 decimals)."],
      [{ value: "-5" }, "value", "Enter a percentage from 1 to 100 (at most 2 decimals)."],
      [{ type: "FIXED_AMOUNT", value: "0.00" }, "value", "Enter an amount greater than 0, such as 10.00."],
      [{ type: "FIXED_AMOUNT", value: "-10" }, "value", "Enter an amount greater than 0, such as 10.00."],
      [{ type: "FIXED_AMOUNT", value: "10.001" }, "value", "Enter an amount greater than 0, such as 10.00."],
      [{ type: "FIXED_AMOUNT", value: "1e3" }, "value", "Enter an amount greater than 0, such as 10.00."],
      [
        { type: "FIXED_AMOUNT", value: "500", currency: "JPY", minSubtotal: "10.5" },
        "minSubtotal",
        "Enter a minimum order amount such as 50.00, or leave it empty.",
      ],
      [{ type: "BOGUS" as never }, "type", "Choose percentage or fixed amount."],
      [{ currency: "XQQ" }, "currency", "Use a three-letter ISO currency code, such as USD."],
      [{ minSubtotal: "abc" }, "minSubtotal", "Enter a minimum order amount such as 50.00, or leave it empty."],
      [
        { usageLimit: "0" },
        "usageLimit",
        "The total usage limit must be a whole number of at least 1 (or empty for no limit).",
      ],
      [
        { perCustomerLimit: "1.5" },
        "perCustomerLimit",
        "The per-customer limit must be a whole number of at least 1 (or empty for no limit).",
      ],
      [{ startsAt: "2026-05-01T00:00", endsAt: "2026-05-01T00:00" }, "endsAt", "The end must be after the start."],
      [{ startsAt: "tomorrow" }, "startsAt", "Enter a valid date and time."],
      [{ scope: "CATEGORIES" }, "categoryIds", "Choose at least one category."],
      [{ scope: "PRODUCTS" }, "productIds", "Choose at least one product."],
      [{ scope: "EVERYTHING" as never }, "scope", "Choose what the coupon applies to."],
      // Forged ids: an unknown id, a product id offered as a category, SQL in an id.
      [
        { scope: "CATEGORIES", categoryIds: ["nosuchcategory0000000000"] },
        "categoryIds",
        "One of the chosen categories no longer exists. Reload the page and choose again.",
      ],
      [
        { scope: "CATEGORIES", categoryIds: [store.productIds[0]!] },
        "categoryIds",
        "One of the chosen categories no longer exists. Reload the page and choose again.",
      ],
      [
        { scope: "PRODUCTS", productIds: [store.productIds[0]!, store.variantIds[0]!] },
        "productIds",
        "One of the chosen products no longer exists. Reload the page and choose again.",
      ],
      [{ scope: "PRODUCTS", productIds: ["x' OR '1'='1"] }, "productIds.0", "Unknown id."],
    ];
    for (const [overrides, field, message] of cases) {
      const error = await rejection(createCoupon(prisma, actor, form(overrides)));
      expect([error.code, error.details?.fieldErrors?.[field as never]], JSON.stringify(overrides)).toEqual([
        "invalid_input",
        message,
      ]);
    }
    expect(await writes()).toEqual(before);
  });

  it("parses money and percentages without floating point", () => {
    expect(parseMinorUnits("10", "USD")).toBe(1000);
    expect(parseMinorUnits("0.29", "USD")).toBe(29); // 0.29 * 100 = 28.999999999999996 in floats
    expect(parseMinorUnits("1,234.5", "USD")).toBe(123450);
    expect(parseMinorUnits("500", "JPY")).toBe(500);
    expect(parseMinorUnits("1.234", "KWD")).toBe(1234);
    expect(parseMinorUnits("1.2.3", "USD")).toBeNull();
    // A decimal comma is refused, not read as a thousands separator (1.50 would become 150.00).
    expect(parseMinorUnits("1,50", "USD")).toBeNull();
    expect(parseMinorUnits("10,50", "USD")).toBeNull();
    expect(parseMinorUnits("12,345,678", "USD")).toBe(1234567800);
    expect(formatPercent(1250)).toBe("12.5");
    expect(formatPercent(1505)).toBe("15.05");
    expect(formatPercent(10000)).toBe("100");
  });
});

describe("at checkout", () => {
  it("a fixed amount with a minimum order is evaluated by checkout's rules", async () => {
    const code = uniqueCode("TENOFF");
    await createCoupon(prisma, actor, form({ code, type: "FIXED_AMOUNT", value: "10.00", minSubtotal: "30.00" }));
    const placed = await order(store.variantIds[0]!, 1, code.toLowerCase());
    expect(placed).toMatchObject({ couponCode: code, subtotalCents: 4000, discountCents: 1000 });
    const error = await rejection(order(store.variantIds[1]!, 1, code));
    expect([error.code, error.message]).toEqual([
      "coupon_minimum_not_met",
      `The code ${code} needs an order of at least $30.00 before discounts.`,
    ]);
  });

  it("a product-scoped percentage applies to that product only", async () => {
    const code = uniqueCode("TEE");
    await createCoupon(
      prisma,
      actor,
      form({ code, value: "25", scope: "PRODUCTS", productIds: [store.productIds[1]!] }),
    );
    expect(await order(store.variantIds[1]!, 2, code)).toMatchObject({ subtotalCents: 4000, discountCents: 1000 });
    const error = await rejection(order(store.variantIds[0]!, 1, code));
    expect(error.code).toBe("coupon_not_applicable");
  });

  it("disable stops it at checkout at once, enable brings it back; each change audited once", async () => {
    const code = uniqueCode("PAUSE");
    const { id } = await createCoupon(prisma, actor, form({ code }));
    await setCouponActive(prisma, actor, id, false);
    await setCouponActive(prisma, actor, id, false); // a double click logs nothing more
    const error = await rejection(order(store.variantIds[0]!, 1, code));
    expect([error.code, error.message]).toEqual(["coupon_inactive", `The code ${code} is no longer active.`]);
    await setCouponActive(prisma, actor, id, true);
    expect(await order(store.variantIds[0]!, 1, code)).toMatchObject({ discountCents: 600 });
    const trail = await auditTrail(prisma, "Coupon", id);
    expect(trail.map((entry) => entry.action)).toEqual(["coupon.enable", "coupon.disable", "coupon.create"]);
    const unknown = await rejection(setCouponActive(prisma, actor, store.productIds[0]!, false));
    expect(unknown.code).toBe("coupon_not_found");
  });

  it("a window in the future or past is refused by checkout", async () => {
    const later = uniqueCode("LATER");
    await createCoupon(
      prisma,
      actor,
      form({ code: later, startsAt: new Date(Date.now() + 86_400_000), endsAt: new Date(Date.now() + 2 * 86_400_000) }),
    );
    expect((await rejection(order(store.variantIds[0]!, 1, later))).code).toBe("coupon_not_started");
  });
});

describe("listCoupons", () => {
  it("searches with control characters dropped (PostgreSQL refuses a NUL byte in text)", async () => {
    const code = uniqueCode("NUL");
    await createCoupon(prisma, actor, form({ code, value: "10" }));
    const listed = await listCoupons(prisma, { search: `\u0000${code}\u0000` });
    expect(listed.rows.map((row) => row.code)).toEqual([code]);
    expect((await listCoupons(prisma, { search: "\u0000" })).total).toBeGreaterThan(0);
  });
});

describe("updateCoupon and usage", () => {
  it("edits every field with an audit of what changed; usage counts only paid orders", async () => {
    const code = uniqueCode("EDIT");
    const { id } = await createCoupon(prisma, actor, form({ code, value: "10", usageLimit: "5" }));
    const paid1 = await order(store.variantIds[0]!, 1, code, "ann@example.com");
    const paid2 = await order(store.variantIds[0]!, 1, code, "bob@example.com");
    await order(store.variantIds[0]!, 1, code, "cy@example.com"); // placed, not paid
    await pay(paid1);
    await pay(paid2);

    const listed = (await listCoupons(prisma, { search: code })).rows;
    expect(listed).toEqual([
      expect.objectContaining({
        id,
        code,
        redemptions: 2,
        pending: 1,
        discountCents: 800,
        usageLimit: 5,
        state: "active",
      }),
    ]);
    const detail = await getCoupon(prisma, id);
    expect(detail).toMatchObject({ redemptions: 2, discountCents: 800, value: 1000 });
    expect(detail?.recentRedemptions.map((entry) => entry.email).sort()).toEqual([
      "ann@example.com",
      "bob@example.com",
    ]);

    // The limit can't go below what has been redeemed.
    const before = await writes();
    const tooLow = await rejection(updateCoupon(prisma, actor, id, form({ code, value: "10", usageLimit: "1" })));
    expect(tooLow.details?.fieldErrors).toEqual({
      usageLimit: "This code has already been redeemed 2 times: the limit can't be lower than that.",
    });
    expect(await writes()).toEqual(before);

    const renamed = uniqueCode("EDITED");
    await updateCoupon(
      prisma,
      actor,
      id,
      form({
        code: renamed,
        type: "FIXED_AMOUNT",
        value: "5",
        usageLimit: "2",
        scope: "PRODUCTS",
        productIds: [store.productIds[0]!],
      }),
    );
    const stored = await prisma.coupon.findUniqueOrThrow({ where: { id }, include: { products: true } });
    expect(stored).toMatchObject({ code: renamed, type: "FIXED_AMOUNT", value: 500, usageLimit: 2, scope: "PRODUCTS" });
    expect(stored.products.map((entry) => entry.productId)).toEqual([store.productIds[0]]);
    const [audit] = await auditTrail(prisma, "Coupon", id, 1);
    expect(audit).toMatchObject({ action: "coupon.update", actorId: actor.id });
    expect(audit?.data).toEqual({
      changes: {
        code: [code, renamed],
        type: ["PERCENTAGE", "FIXED_AMOUNT"],
        value: [1000, 500],
        usageLimit: [5, 2],
        scope: ["ORDER", "PRODUCTS"],
        productIds: [[], [store.productIds[0]]],
      },
    });
    // Limit 2 reached by the 2 paid orders: listed as used up, and refused at checkout.
    expect((await listCoupons(prisma, { search: renamed })).rows[0]?.state).toBe("used_up");
    expect((await rejection(order(store.variantIds[0]!, 1, renamed))).code).toBe("coupon_exhausted");
  });

  it("refuses a code taken by another coupon, an unknown coupon, and bad values", async () => {
    const first = uniqueCode("FIRST");
    const second = uniqueCode("SECOND");
    await createCoupon(prisma, actor, form({ code: first }));
    const { id } = await createCoupon(prisma, actor, form({ code: second }));
    const before = await writes();
    const taken = await rejection(updateCoupon(prisma, actor, id, form({ code: first.toLowerCase() })));
    expect(taken.code).toBe("coupon_code_taken");
    const unknown = await rejection(updateCoupon(prisma, actor, store.variantIds[0]!, form()));
    expect([unknown.code, unknown.message]).toEqual([
      "coupon_not_found",
      "That coupon does not exist (it may have been deleted).",
    ]);
    const bad = await rejection(updateCoupon(prisma, actor, id, form({ code: second, value: "150" })));
    expect(bad.details?.fieldErrors).toEqual({ value: "Enter a percentage from 1 to 100 (at most 2 decimals)." });
    expect(await writes()).toEqual(before);
    // Keeping its own code is fine.
    await updateCoupon(prisma, actor, id, form({ code: second.toLowerCase(), value: "20" }));
    expect((await prisma.coupon.findUniqueOrThrow({ where: { id } })).value).toBe(2000);
    expect(await getCoupon(prisma, "no such id!")).toBeNull();
  });
});

describe("pickers", () => {
  it("lists categories as paths and finds products by title or SKU", async () => {
    const options = await categoryOptions(prisma);
    expect(options).toEqual(expect.arrayContaining([{ id: store.categoryIds.child, label: "Apparel › T-shirts" }]));
    const sku = (await prisma.variant.findUniqueOrThrow({ where: { id: store.variantIds[1]! } })).sku;
    expect((await searchProductOptions(prisma, sku.toLowerCase())).map((entry) => entry.id)).toEqual([
      store.productIds[1],
    ]);
    expect(await searchProductOptions(prisma, "x")).toEqual([]);
  });
});
