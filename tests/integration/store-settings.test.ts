// The store settings against a real PostgreSQL (lib/settings/): the category tree's rules (no cycles,
// delete only when empty, unique slugs), validation of the settings forms, administrators only, a shipping
// rate change charged at the next checkout and refused as a changed total for a cart already in review,
// and the low-stock digest sent once per day by two workers.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/lib/db";
import { isUserError, type UserError } from "@/lib/errors";
import { shippingAddressSchema } from "@/lib/checkout/address";
import { deliveryOptionsFor } from "@/lib/checkout/delivery-options";
import { placeOrder } from "@/lib/checkout/place-order";
import { renderOrderConfirmation } from "@/lib/email/order-confirmation";
import { formatMoney, type CurrencyDisplay } from "@/lib/money";
import { quoteCheckout } from "@/lib/checkout/quote";
import { LOW_STOCK_DIGEST_TOPIC, SEARCH_UPSERT_TOPIC } from "@/lib/outbox/topics";
import type { SettingsActor } from "@/lib/settings/access";
import { createBrand, createBrandInput, deleteBrand, updateBrand, updateBrandInput } from "@/lib/settings/brands";
import {
  createCategory,
  createCategoryInput,
  deleteCategory,
  moveCategory,
  reorderCategory,
  updateCategory,
  updateCategoryInput,
} from "@/lib/settings/categories";
import { queueDailyLowStockDigest, queueLowStockDigestNow } from "@/lib/settings/low-stock-digest";
import { saveShippingRate, saveShippingRateInput } from "@/lib/settings/shipping-rates";
import { readStoreSettings, storeSettingsInput, updateStoreSettings } from "@/lib/settings/store-settings";
import { saveTaxRate, saveTaxRateInput } from "@/lib/settings/tax-rates";
import { startWorker } from "@/lib/worker";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { address, checkoutInput, createCart, createStore, type Store } from "../helpers/checkout-fixture";
import { startSmtpSink } from "../helpers/smtp-sink";

let db: TestDatabase;
let prisma: Db;
let admin: SettingsActor;
let staff: SettingsActor;
let store: Store;
beforeAll(async () => {
  db = await createTestDatabase("store_settings");
  prisma = db.prisma;
  const suffix = randomUUID().slice(0, 8);
  admin = await prisma.user.create({
    data: { email: `admin.${suffix}@example.com`, role: "ADMIN" },
    select: { id: true, role: true },
  });
  staff = await prisma.user.create({
    data: { email: `staff.${suffix}@example.com`, role: "STAFF" },
    select: { id: true, role: true },
  });
  store = await createStore(prisma, {
    variants: [
      { priceCents: 2_000, stock: [50, 0] },
      { priceCents: 3_000, stock: [50, 0] },
    ],
  });
});
afterAll(async () => {
  await db?.drop();
});

/** The UserError a call threw (fails the test when it did not throw one). */
async function refusal(call: Promise<unknown>): Promise<UserError> {
  const error = await call.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!isUserError(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

const fieldErrors = (error: UserError) => error.details?.fieldErrors as Record<string, string> | undefined;
const uniqueName = (name: string) => `${name} ${randomUUID().slice(0, 6)}`;
const newCategory = (name: string, parentId: string | null = null) =>
  createCategory(prisma, admin, createCategoryInput.parse({ name: uniqueName(name), parentId: parentId ?? "" }));

describe("the category tree", () => {
  it("moving refuses cycles: under itself, its child or its grandchild; a valid move reindexes its products", async () => {
    const top = await newCategory("Outdoor");
    const child = await newCategory("Camping", top.id);
    const grandchild = await newCategory("Tents", child.id);
    for (const parentId of [top.id, child.id, grandchild.id]) {
      const error = await refusal(moveCategory(prisma, admin, { id: top.id, parentId }));
      expect(error.code).toBe("category_cycle");
      expect(fieldErrors(error)?.parentId).toMatch(/under itself or one of its own subcategories/);
    }
    expect((await prisma.category.findUniqueOrThrow({ where: { id: top.id } })).parentId).toBeNull();

    // Products below the moved category get their search documents (category path) rebuilt.
    await prisma.product.update({ where: { id: store.productIds[0] }, data: { categoryId: grandchild.id } });
    const other = await newCategory("Garden");
    await moveCategory(prisma, admin, { id: child.id, parentId: other.id });
    expect((await prisma.category.findUniqueOrThrow({ where: { id: child.id } })).parentId).toBe(other.id);
    const reindex = await prisma.outboxEvent.findMany({
      where: { topic: SEARCH_UPSERT_TOPIC, aggregateId: store.productIds[0] },
    });
    expect(reindex.length).toBeGreaterThan(0);
    const audit = await prisma.auditLog.findFirst({ where: { action: "category.move", entityId: child.id } });
    expect(audit?.actorId).toBe(admin.id);
    await prisma.product.update({ where: { id: store.productIds[0] }, data: { categoryId: store.categoryIds.child } });
  });

  it("two concurrent moves that would make a cycle together: one of them is refused", async () => {
    const a = await newCategory("Alpha");
    const b = await newCategory("Beta");
    const results = await Promise.allSettled([
      moveCategory(prisma, admin, { id: a.id, parentId: b.id }),
      moveCategory(prisma, admin, { id: b.id, parentId: a.id }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const [rowA, rowB] = await Promise.all([
      prisma.category.findUniqueOrThrow({ where: { id: a.id } }),
      prisma.category.findUniqueOrThrow({ where: { id: b.id } }),
    ]);
    expect(rowA.parentId === b.id && rowB.parentId === a.id).toBe(false);
  });

  it("reorders among siblings", async () => {
    const parent = await newCategory("Shelf");
    const first = await newCategory("First", parent.id);
    const second = await newCategory("Second", parent.id);
    await reorderCategory(prisma, admin, { id: second.id, direction: "up" });
    const order = await prisma.category.findMany({
      where: { parentId: parent.id },
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: { id: true },
    });
    expect(order.map((row) => row.id)).toEqual([second.id, first.id]);
  });

  it("deleting refuses a category with products or subcategories, and deletes an empty one", async () => {
    const withProducts = await refusal(deleteCategory(prisma, admin, { id: store.categoryIds.child }));
    expect(withProducts.code).toBe("category_not_empty");
    expect(withProducts.message).toMatch(/2 products/);
    const withChildren = await refusal(deleteCategory(prisma, admin, { id: store.categoryIds.parent }));
    expect(withChildren.message).toMatch(/1 subcategory/);
    expect(await prisma.category.count({ where: { id: { in: Object.values(store.categoryIds) } } })).toBe(2);

    const empty = await newCategory("Empty");
    await deleteCategory(prisma, admin, { id: empty.id });
    expect(await prisma.category.findUnique({ where: { id: empty.id } })).toBeNull();
    expect(await prisma.auditLog.count({ where: { action: "category.delete", entityId: empty.id } })).toBe(1);
  });

  it("slugs: validated, made from the name when empty, and unique (create and rename)", async () => {
    expect(createCategoryInput.safeParse({ name: "Rain Jackets", slug: "Rain Jackets!" }).success).toBe(false);
    expect(createCategoryInput.parse({ name: "Rain Jackets", slug: "" }).slug).toBe("rain-jackets");
    const slug = `rain-${randomUUID().slice(0, 6)}`;
    const first = await createCategory(prisma, admin, createCategoryInput.parse({ name: "Rain", slug }));
    const taken = await refusal(createCategory(prisma, admin, createCategoryInput.parse({ name: "Rain 2", slug })));
    expect(fieldErrors(taken)?.slug).toMatch(/already uses this slug/);

    const second = await newCategory("Snow");
    const renameTaken = await refusal(
      updateCategory(prisma, admin, updateCategoryInput.parse({ id: second.id, name: "Snow", slug })),
    );
    expect(fieldErrors(renameTaken)?.slug).toMatch(/already uses this slug/);
    // Renaming a category reindexes the products below it and keeps the SEO fields.
    await updateCategory(
      prisma,
      admin,
      updateCategoryInput.parse({ id: first.id, name: "Rainwear", slug, seoTitle: "Rainwear for every storm" }),
    );
    const row = await prisma.category.findUniqueOrThrow({ where: { id: first.id } });
    expect([row.name, row.seoTitle]).toEqual(["Rainwear", "Rainwear for every storm"]);
  });
});

describe("brands", () => {
  it("unique slugs, a rename reindexes its products, deleting refuses a brand in use", async () => {
    const slug = `acme-${randomUUID().slice(0, 6)}`;
    const brand = await createBrand(prisma, admin, createBrandInput.parse({ name: "Acme", slug }));
    const taken = await refusal(createBrand(prisma, admin, createBrandInput.parse({ name: "Acme 2", slug })));
    expect(fieldErrors(taken)?.slug).toMatch(/already uses this slug/);
    await prisma.product.update({ where: { id: store.productIds[1] }, data: { brandId: brand.id } });
    const before = await prisma.outboxEvent.count({ where: { aggregateId: store.productIds[1] } });
    await updateBrand(prisma, admin, updateBrandInput.parse({ id: brand.id, name: "Acme Outfitters", slug }));
    expect(await prisma.outboxEvent.count({ where: { aggregateId: store.productIds[1] } })).toBeGreaterThan(before);
    expect((await refusal(deleteBrand(prisma, admin, { id: brand.id }))).code).toBe("brand_in_use");
    await prisma.product.update({ where: { id: store.productIds[1] }, data: { brandId: null } });
    await deleteBrand(prisma, admin, { id: brand.id });
    expect(await prisma.brand.findUnique({ where: { id: brand.id } })).toBeNull();
  });
});

describe("settings validation and access", () => {
  it("refuses what the forms must not save, field by field", () => {
    const bad = storeSettingsInput.safeParse({
      currencyDisplay: "emoji",
      returnWindowDays: "400",
      freeShippingThreshold: "12,50",
      lowStockRecipients: "ops@example.com, not-an-email",
    });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(
      expect.arrayContaining(["currencyDisplay", "returnWindowDays", "freeShippingThreshold", "lowStockRecipients"]),
    );
    expect(
      storeSettingsInput.parse({
        currencyDisplay: "code",
        returnWindowDays: "14",
        freeShippingThreshold: "",
        lowStockRecipients: "Ops@Example.com; buyer@example.com ops@example.com",
      }),
    ).toEqual({
      currencyDisplay: "code",
      returnWindowDays: 14,
      freeShippingThreshold: null,
      lowStockRecipients: ["ops@example.com", "buyer@example.com"],
    });
    expect(saveTaxRateInput.safeParse({ country: "USA", rate: "8.25", name: "x" }).success).toBe(false);
    expect(saveTaxRateInput.safeParse({ country: "US", region: "CA", rate: "100.01", name: "x" }).success).toBe(false);
    expect(saveTaxRateInput.parse({ country: "us", region: "ca", rate: "8.25", name: "California" }).rate).toBe(825);
    const rate = { zone: "domestic", method: "STANDARD", name: "Standard", price: "5.95", minDays: "3", maxDays: "5" };
    const issues = (input: Record<string, string>) =>
      saveShippingRateInput.safeParse({ ...rate, ...input }).error?.issues.map((issue) => issue.path.join("."));
    expect(issues({ price: "-1", countries: "US, USA" })).toEqual(["countries", "price"]);
    expect(issues({ minDays: "5", maxDays: "2" })).toEqual(["maxDays"]);
    expect(issues({ zone: "dom estic" })).toEqual(["zone"]);
    expect(issues({ price: "0", countries: "us ca" })).toBeUndefined();
  });

  it("staff read the settings but cannot change any of them", async () => {
    const values = storeSettingsInput.parse({ currencyDisplay: "symbol", returnWindowDays: "10" });
    for (const call of [
      updateStoreSettings(prisma, staff, values),
      createCategory(prisma, staff, createCategoryInput.parse({ name: "Staff made" })),
      moveCategory(prisma, staff, { id: store.categoryIds.child, parentId: null }),
      deleteCategory(prisma, staff, { id: store.categoryIds.child }),
      createBrand(prisma, staff, createBrandInput.parse({ name: "Staff brand" })),
      saveTaxRate(prisma, staff, saveTaxRateInput.parse({ country: "US", rate: "1", name: "x" })),
      queueLowStockDigestNow(prisma, null),
    ]) {
      expect((await refusal(call)).code).toBe("forbidden");
    }
    expect((await readStoreSettings(prisma)).returnWindowDays).toBe(30);
    const saved = await updateStoreSettings(prisma, admin, values);
    expect(saved.returnWindowDays).toBe(10);
    const audit = await prisma.auditLog.findFirst({ where: { action: "settings.store.update" } });
    expect(audit?.actorId).toBe(admin.id);
  });
});

describe("shipping rates at checkout", () => {
  it("a changed rate is charged at the next checkout; a cart already in review is refused with the new total", async () => {
    const rate = await prisma.shippingRate.findFirstOrThrow({
      where: { method: "STANDARD", countries: { has: "US" }, zone: { startsWith: "domestic-" } },
    });
    const cartId = await createCart(prisma, [{ variantId: store.variantIds[0]!, quantity: 1 }]);
    const input = checkoutInput(cartId);
    const quote = () =>
      quoteCheckout(prisma, {
        cartId,
        email: input.email,
        shippingAddress: shippingAddressSchema.parse(address),
        shippingMethod: "STANDARD",
        couponCode: null,
      });
    const reviewed = await quote();
    expect(reviewed.totals.shippingCents).toBe(rate.priceCents);

    await saveShippingRate(
      prisma,
      admin,
      saveShippingRateInput.parse({
        id: rate.id,
        zone: rate.zone,
        countries: "US",
        method: "STANDARD",
        name: rate.name,
        price: "9.95",
        freeOver: "",
        minDays: "3",
        maxDays: "5",
        active: "on",
      }),
    );

    const changed = await refusal(placeOrder(prisma, { ...input, expectedTotalCents: reviewed.totals.totalCents }));
    expect(changed.code).toBe("total_changed");
    expect(changed.message).toMatch(/changed to \$/);
    expect(await prisma.order.count({ where: { cartId } })).toBe(0);

    const again = await quote();
    expect(again.totals.shippingCents).toBe(995);
    expect(again.totals.totalCents).toBe(reviewed.totals.totalCents - rate.priceCents + 995);
    const { order } = await placeOrder(prisma, { ...input, expectedTotalCents: again.totals.totalCents });
    expect([order.shippingCents, order.totalCents]).toEqual([995, again.totals.totalCents]);
  });

  it("the store-wide free-shipping threshold applies at the next checkout", async () => {
    await updateStoreSettings(
      prisma,
      admin,
      storeSettingsInput.parse({ currencyDisplay: "symbol", returnWindowDays: "30", freeShippingThreshold: "25.00" }),
    );
    const cartId = await createCart(prisma, [{ variantId: store.variantIds[1]!, quantity: 1 }]);
    const { order } = await placeOrder(prisma, checkoutInput(cartId));
    expect([order.subtotalCents, order.shippingCents]).toEqual([3_000, 0]);
    await updateStoreSettings(
      prisma,
      admin,
      storeSettingsInput.parse({ currencyDisplay: "symbol", returnWindowDays: "30" }),
    );
  });
});

describe("the currency display", () => {
  it("emails and page data follow each change, and switching back restores the symbol (nothing kept from before)", async () => {
    const cartId = await createCart(prisma, [{ variantId: store.variantIds[0]!, quantity: 1 }]);
    const { order } = await placeOrder(prisma, checkoutInput(cartId));
    const orderUrl = () => Promise.resolve("https://shop.example/orders/x");
    const rendered = async (currencyDisplay: CurrencyDisplay) => {
      await updateStoreSettings(prisma, admin, storeSettingsInput.parse({ currencyDisplay, returnWindowDays: "30" }));
      const email = await renderOrderConfirmation(prisma, order.id, orderUrl, "Test store");
      // A page-data function: the checkout's delivery step (it reads the settings itself, like a page).
      const options = await deliveryOptionsFor(prisma, "US", { currency: "USD", subtotalCents: 100 });
      return { email: email!, prices: options.map((option) => option.priceLabel) };
    };

    const before = await rendered("symbol");
    expect(before.email.text).toMatch(/Total: \$\d+\.\d{2}/);
    expect(before.prices.length).toBeGreaterThan(0);
    for (const price of before.prices) expect(price).toMatch(/^\$\d+\.\d{2}$/);

    const coded = await rendered("code");
    expect(coded.email.text).toMatch(/Total: USD\s\d+\.\d{2}/);
    expect(coded.email.text).not.toContain("$");
    expect(coded.email.html).toMatch(/USD\s\d+\.\d{2}/);
    for (const price of coded.prices) expect(price).toMatch(/^USD\s\d+\.\d{2}$/);
    const audit = await prisma.auditLog.findFirst({
      where: { action: "settings.store.update", entityId: "default" },
      orderBy: { createdAt: "desc" },
    });
    expect(audit?.actorId).toBe(admin.id);
    expect(audit?.data).toMatchObject({ before: { currencyDisplay: "symbol" }, after: { currencyDisplay: "code" } });

    const back = await rendered("symbol");
    expect(back.email.text).toBe(before.email.text);
    expect(back.email.html).toBe(before.email.html);
    expect(back.prices).toEqual(before.prices);
    // Formatting without a display is the symbol: no setting is left behind in the process.
    expect(formatMoney(1234, "USD")).toBe("$12.34");
  });

  it("staff cannot change the display", async () => {
    const refused = await refusal(
      updateStoreSettings(prisma, staff, storeSettingsInput.parse({ currencyDisplay: "code", returnWindowDays: "30" })),
    );
    expect(refused.code).toBe("forbidden");
    expect((await readStoreSettings(prisma)).currencyDisplay).toBe("symbol");
  });
});

describe("the low-stock digest", () => {
  it("two workers send one digest a day, listing each low variant per location with a link to the inventory", async () => {
    await prisma.variant.update({
      where: { id: store.variantIds[0] },
      data: { lowStockThreshold: 5, sku: "LOW-DIGEST-1" },
    });
    await prisma.inventoryLevel.updateMany({ where: { variantId: store.variantIds[0] }, data: { onHand: 3 } });
    await updateStoreSettings(
      prisma,
      admin,
      storeSettingsInput.parse({
        currencyDisplay: "symbol",
        returnWindowDays: "30",
        lowStockRecipients: "ops@example.com",
      }),
    );
    const sink = await startSmtpSink();
    vi.stubEnv("SMTP_URL", sink.url);
    const workers = [0, 1].map(() => startWorker(prisma, { lowStockDigestEveryMs: 20, log: () => {} }));
    try {
      await vi.waitFor(() => expect(sink.messages.length).toBeGreaterThan(0), { timeout: 30_000, interval: 50 });
      // Both keep checking for a while (each check is a real query): still one digest for today.
      for (let round = 0; round < 5; round++) expect(await queueDailyLowStockDigest(prisma)).toBe("already_queued");
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
      await sink.stop();
      vi.unstubAllEnvs();
    }
    expect(await prisma.outboxEvent.count({ where: { topic: LOW_STOCK_DIGEST_TOPIC } })).toBe(1);
    expect(sink.messages).toHaveLength(1);
    const [mail] = sink.messages;
    expect(mail!.to.join()).toMatch(/^<?ops@example\.com>?$/);
    // Quoted-printable as sent: soft line breaks and "=" escaped.
    const body = mail!.data.replace(/=\r?\n/g, "").replaceAll("=3D", "=");
    // Both locations of the variant are low (3 on hand each, less what earlier orders hold), each on its line.
    expect(body).toMatch(/LOW-DIGEST-1 .*@ East: [0-3] left \(threshold 5\)/);
    expect(body).toMatch(/LOW-DIGEST-1 .*@ West: [0-3] left \(threshold 5\)/);
    expect(body).toContain("/admin/inventory?low=1");
    // The next day is another digest.
    expect(await queueDailyLowStockDigest(prisma, new Date(Date.now() + 86_400_000))).toBe("queued");
  });
});
