// Admin product management (lib/catalog/admin) against a real, migrated PostgreSQL: create with options,
// variants and opening stock; edits of the grid; every refusal writes nothing; status and the storefront;
// forged ids; image uploads stored under a temporary UPLOAD_DIR and served by the real /media route.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as mediaGET } from "@/app/media/[...path]/route";
import { auditTrail } from "@/lib/audit/log";
import { ProductFieldError } from "@/lib/catalog/admin/errors";
import {
  addProductImage,
  deleteProductImage,
  moveProductImage,
  updateProductImageAlt,
} from "@/lib/catalog/admin/images";
import { listAdminProducts, parseAdminProductListParams } from "@/lib/catalog/admin/list";
import { getProductForEdit, productToFormValues } from "@/lib/catalog/admin/read";
import { parseProductForm, type ProductInput } from "@/lib/catalog/admin/schemas";
import { readCappedFormData } from "@/lib/http/upload";
import { createProduct, setProductStatus, updateProduct } from "@/lib/catalog/admin/write";
import { getProductBySlug, listProducts } from "@/lib/catalog/products";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { SEARCH_UPSERT_TOPIC } from "@/lib/outbox/topics";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

// A real 1 x 1 PNG (signature, IHDR, IDAT, IEND with valid CRCs).
const PNG_1X1 = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

let test: TestDatabase;
let db: Db;
let actor: { id: string };
let ids: { apparel: string; tees: string; hats: string; brand: string; east: string; west: string; closed: string };
let uploads: string;
const previousEnv = { UPLOAD_DIR: process.env.UPLOAD_DIR, MAX_IMAGE_BYTES: process.env.MAX_IMAGE_BYTES };

beforeAll(async () => {
  test = await createTestDatabase("admin_products");
  db = test.prisma;
  actor = await db.user.create({
    data: { email: "staff@example.com", name: "Sam Staff", role: "STAFF" },
    select: { id: true },
  });
  const apparel = await db.category.create({ data: { slug: "apparel", name: "Apparel" } });
  const tees = await db.category.create({ data: { slug: "tees", name: "T-shirts", parentId: apparel.id } });
  const hats = await db.category.create({ data: { slug: "hats", name: "Hats" } });
  const brand = await db.brand.create({ data: { slug: "acme", name: "Acme" } });
  const east = await db.location.create({ data: { code: "EAST", name: "East", priority: 0 } });
  const west = await db.location.create({ data: { code: "WEST", name: "West", priority: 1 } });
  const closed = await db.location.create({ data: { code: "OLD", name: "Old shop", active: false } });
  ids = {
    apparel: apparel.id,
    tees: tees.id,
    hats: hats.id,
    brand: brand.id,
    east: east.id,
    west: west.id,
    closed: closed.id,
  };
  uploads = await mkdtemp(path.join(os.tmpdir(), "admin-products-uploads-"));
  process.env.UPLOAD_DIR = uploads;
});

afterAll(async () => {
  for (const [key, value] of Object.entries(previousEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  if (uploads) await rm(uploads, { recursive: true, force: true });
  await test?.drop();
});

beforeEach(() => {
  delete process.env.MAX_IMAGE_BYTES;
});

let skuCounter = 0;
/** Unique SKU stems per test, so tests never collide through the global unique index. */
function stem(): string {
  skuCounter += 1;
  return `T${skuCounter}`;
}

/** The flat values the product form posts for a Size x one-column grid. */
function teeForm(prefix: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    title: `Ridge Tee ${prefix}`,
    description: "  Heavy cotton.  ",
    categoryId: ids.tees,
    brandId: ids.brand,
    status: "ACTIVE",
    tags: "Cotton, summer, cotton",
    seoTitle: "",
    seoDescription: "A heavy cotton tee",
    stockLocationId: ids.east,
    "options.0.name": "Size",
    "variants.0.options.0": "S",
    "variants.0.sku": `${prefix}-s`,
    "variants.0.price": "19.99",
    "variants.0.compareAtPrice": "25",
    "variants.0.weightGrams": "180",
    "variants.0.lowStockThreshold": "3",
    "variants.0.stock": "7",
    "variants.1.options.0": "M",
    "variants.1.sku": `${prefix}-m`,
    "variants.1.price": "21.50",
    "variants.1.compareAtPrice": "",
    "variants.1.weightGrams": "",
    "variants.1.lowStockThreshold": "",
    "variants.1.stock": "4",
    ...overrides,
  };
}

function parse(values: Record<string, string>): ProductInput {
  const parsed = parseProductForm(values, "USD");
  if (!parsed.ok) throw new Error(`unexpected field errors: ${JSON.stringify(parsed.fieldErrors)}`);
  return parsed.data;
}

function fieldErrorsOf(values: Record<string, string>): Record<string, string> {
  const parsed = parseProductForm(values, "USD");
  if (parsed.ok) throw new Error("expected field errors");
  return parsed.fieldErrors;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

async function expectUserError(promise: Promise<unknown>, code: string): Promise<UserError> {
  const error = await caught(promise);
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
  return error as UserError;
}

async function expectFieldErrors(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await caught(promise);
  expect(error).toBeInstanceOf(ProductFieldError);
  return (error as ProductFieldError).fieldErrors;
}

/** Everything a product write can touch, to prove that a refused one touched nothing. */
async function snapshot() {
  const [products, variants, options, values, links, levels, adjustments, audits, outbox, images] = await Promise.all([
    db.product.findMany({
      select: { id: true, slug: true, title: true, status: true, updatedAt: true },
      orderBy: { id: "asc" },
    }),
    db.variant.findMany({ select: { id: true, sku: true, priceCents: true, position: true }, orderBy: { id: "asc" } }),
    db.productOption.findMany({ select: { id: true, name: true }, orderBy: { id: "asc" } }),
    db.productOptionValue.findMany({ select: { id: true, value: true }, orderBy: { id: "asc" } }),
    db.variantOptionValue.count(),
    db.inventoryLevel.findMany({ select: { id: true, onHand: true }, orderBy: { id: "asc" } }),
    db.inventoryAdjustment.count(),
    db.auditLog.count(),
    db.outboxEvent.count(),
    db.productImage.findMany({ select: { id: true, position: true, alt: true }, orderBy: { id: "asc" } }),
  ]);
  return { products, variants, options, values, links, levels, adjustments, audits, outbox, images };
}

async function createTee(prefix = stem(), overrides: Record<string, string> = {}) {
  const result = await createProduct(db, actor, parse(teeForm(prefix, overrides)));
  return { ...result, prefix };
}

async function editValues(productId: string): Promise<Record<string, string>> {
  const product = await getProductForEdit(db, productId);
  if (!product) throw new Error("product missing");
  return productToFormValues(product);
}

describe("creating a product", () => {
  it("writes the product, options, two variants with stock, the adjustments, an audit entry and a search event in one go", async () => {
    const prefix = stem();
    const created = await createTee(prefix);

    const product = await db.product.findUniqueOrThrow({
      where: { id: created.id },
      include: {
        options: { include: { values: { orderBy: { position: "asc" } } } },
        variants: { include: { optionValues: { include: { optionValue: true } } }, orderBy: { position: "asc" } },
      },
    });
    expect(product).toMatchObject({
      slug: `ridge-tee-${prefix.toLowerCase()}`,
      title: `Ridge Tee ${prefix}`,
      description: "Heavy cotton.",
      status: "ACTIVE",
      brandId: ids.brand,
      categoryId: ids.tees,
      tags: ["cotton", "summer"],
      seoTitle: null,
      seoDescription: "A heavy cotton tee",
      priceMinCents: 1999,
      priceMaxCents: 2150,
      currency: "USD",
    });
    expect(product.publishedAt).toBeInstanceOf(Date);
    expect(product.options.map((o) => [o.name, o.values.map((v) => v.value)])).toEqual([["Size", ["S", "M"]]]);
    expect(
      product.variants.map((v) => ({
        sku: v.sku,
        title: v.title,
        priceCents: v.priceCents,
        compareAtPriceCents: v.compareAtPriceCents,
        weightGrams: v.weightGrams,
        lowStockThreshold: v.lowStockThreshold,
        values: v.optionValues.map((link) => link.optionValue.value),
      })),
    ).toEqual([
      {
        sku: `${prefix}-S`,
        title: "S",
        priceCents: 1999,
        compareAtPriceCents: 2500,
        weightGrams: 180,
        lowStockThreshold: 3,
        values: ["S"],
      },
      {
        sku: `${prefix}-M`,
        title: "M",
        priceCents: 2150,
        compareAtPriceCents: null,
        weightGrams: null,
        lowStockThreshold: 5,
        values: ["M"],
      },
    ]);

    const variantIds = product.variants.map((v) => v.id);
    const levels = await db.inventoryLevel.findMany({
      where: { variantId: { in: variantIds } },
      orderBy: { onHand: "desc" },
    });
    expect(levels.map((l) => [l.locationId, l.onHand, l.reserved])).toEqual([
      [ids.east, 7, 0],
      [ids.east, 4, 0],
    ]);
    const adjustments = await db.inventoryAdjustment.findMany({
      where: { variantId: { in: variantIds } },
      orderBy: { delta: "desc" },
    });
    expect(adjustments.map((a) => [a.locationId, a.delta, a.reason, a.actorId])).toEqual([
      [ids.east, 7, "INITIAL", actor.id],
      [ids.east, 4, "INITIAL", actor.id],
    ]);

    const trail = await auditTrail(db, "Product", created.id);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      action: "product.create",
      actorId: actor.id,
      actor: { email: "staff@example.com" },
    });
    expect(trail[0]?.data).toMatchObject({
      variants: [`${prefix}-S`, `${prefix}-M`],
      initialStock: [
        { sku: `${prefix}-S`, quantity: 7 },
        { sku: `${prefix}-M`, quantity: 4 },
      ],
    });

    const events = await db.outboxEvent.findMany({ where: { aggregateId: created.id } });
    expect(events.map((e) => [e.topic, e.status, e.payload])).toEqual([
      [SEARCH_UPSERT_TOPIC, "PENDING", { productId: created.id }],
    ]);

    // The storefront sees it (active), with both variants.
    const detail = await getProductBySlug(db, created.slug);
    expect(detail?.variants.map((v) => v.sku)).toEqual([`${prefix}-S`, `${prefix}-M`]);
    expect(created.categorySlugs.sort()).toEqual(["apparel", "tees"]);
  });

  it("creates a single-variant product without options, as a draft, with no stock rows", async () => {
    const prefix = stem();
    const created = await createProduct(
      db,
      actor,
      parse({ title: "Plain Cap", categoryId: ids.hats, "variants.0.sku": `${prefix}-cap`, "variants.0.price": "12" }),
    );
    const product = await db.product.findUniqueOrThrow({
      where: { id: created.id },
      include: { variants: true, options: true },
    });
    expect(product).toMatchObject({ status: "DRAFT", publishedAt: null, brandId: null, priceMinCents: 1200 });
    expect(product.options).toEqual([]);
    expect(product.variants.map((v) => [v.sku, v.title])).toEqual([[`${prefix}-CAP`, "Default"]]);
    expect(await db.inventoryLevel.count({ where: { variantId: product.variants[0]!.id } })).toBe(0);
    // Drafts do not exist for shoppers.
    expect(await getProductBySlug(db, created.slug)).toBeNull();
  });

  it("gives a second product with the same title the next free URL name, and refuses a taken one typed by hand", async () => {
    const first = await createProduct(
      db,
      actor,
      parse({ title: "Twin Mug", categoryId: ids.hats, "variants.0.sku": `${stem()}-a`, "variants.0.price": "5" }),
    );
    const second = await createProduct(
      db,
      actor,
      parse({ title: "Twin Mug", categoryId: ids.hats, "variants.0.sku": `${stem()}-b`, "variants.0.price": "5" }),
    );
    const third = await createProduct(
      db,
      actor,
      parse({ title: "Twin  Mug!", categoryId: ids.hats, "variants.0.sku": `${stem()}-c`, "variants.0.price": "5" }),
    );
    expect([first.slug, second.slug, third.slug]).toEqual(["twin-mug", "twin-mug-2", "twin-mug-3"]);

    const before = await snapshot();
    const errors = await expectFieldErrors(
      createProduct(
        db,
        actor,
        parse({
          title: "Other",
          slug: "Twin Mug",
          categoryId: ids.hats,
          "variants.0.sku": `${stem()}-d`,
          "variants.0.price": "5",
        }),
      ),
    );
    expect(errors).toEqual({ slug: "Another product already uses this URL name." });
    expect(await snapshot()).toEqual(before);
  });
});

describe("refused input writes nothing", () => {
  it("reports a missing title, non-positive and malformed prices, and a bad compare-at price per field", () => {
    const errors = fieldErrorsOf(
      teeForm("X", {
        title: "   ",
        "variants.0.price": "0",
        "variants.1.price": "-5",
        "variants.0.compareAtPrice": "0.50",
      }),
    );
    expect(errors.title).toBe("Enter a title.");
    expect(errors["variants.0.price"]).toBe("The price must be more than zero.");
    expect(errors["variants.1.price"]).toBe("The price must be more than zero.");
    expect(fieldErrorsOf(teeForm("X", { "variants.0.price": "abc", "variants.1.price": "19.999" }))).toMatchObject({
      "variants.0.price": "Enter a number like 19.99.",
      "variants.1.price": "Use at most 2 decimals, like 19.99.",
    });
    expect(fieldErrorsOf(teeForm("X", { "variants.0.compareAtPrice": "19.99" }))["variants.0.compareAtPrice"]).toMatch(
      /higher than the price/,
    );
    expect(fieldErrorsOf(teeForm("X", { "variants.1.price": "" }))["variants.1.price"]).toBe("Enter a price.");
  });

  it("reports a SKU used twice in the grid on the later row", () => {
    const errors = fieldErrorsOf(teeForm("DUP", { "variants.1.sku": "dup-S" }));
    expect(errors).toEqual({ "variants.1.sku": "Row 1 already uses this SKU." });
  });

  it("refuses a SKU another product has, on that row, and writes nothing", async () => {
    const existing = await createTee();
    const before = await snapshot();
    const errors = await expectFieldErrors(
      createProduct(db, actor, parse(teeForm(stem(), { "variants.1.sku": `${existing.prefix}-m` }))),
    );
    expect(Object.keys(errors)).toEqual(["variants.1.sku"]);
    expect(errors["variants.1.sku"]).toContain(`Ridge Tee ${existing.prefix}`);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses unknown category, brand and stock location ids (forged selects) and writes nothing", async () => {
    const before = await snapshot();
    const errors = await expectFieldErrors(
      createProduct(
        db,
        actor,
        parse(teeForm(stem(), { categoryId: "nope", brandId: "nope2", stockLocationId: ids.closed })),
      ),
    );
    expect(errors).toEqual({
      categoryId: "Choose a category from the list.",
      brandId: "Choose a brand from the list.",
      stockLocationId: "Choose an active location from the list.",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("needs options for several variants, a value per option and distinct combinations", () => {
    const values = teeForm("OPT");
    delete values["options.0.name"];
    expect(fieldErrorsOf(values)).toEqual({
      options: "Add an option (for example Size) to sell more than one variant.",
    });
    expect(fieldErrorsOf(teeForm("OPT", { "variants.1.options.0": "s" }))).toEqual({
      "variants.1.options.0": "Row 1 is already s.",
    });
    expect(fieldErrorsOf(teeForm("OPT", { "variants.1.options.0": "" }))).toEqual({
      "variants.1.options.0": "Enter a Size for this variant.",
    });
    expect(
      fieldErrorsOf(
        teeForm("OPT", { "options.1.name": "size", "variants.0.options.1": "x", "variants.1.options.1": "y" }),
      ),
    ).toEqual({
      "options.1.name": "Option 1 already has this name.",
    });
  });

  it("needs a location for initial stock and at least one variant", () => {
    expect(fieldErrorsOf(teeForm("LOC", { stockLocationId: "" }))).toEqual({
      stockLocationId: "Choose where the initial stock is.",
    });
    expect(fieldErrorsOf({ title: "Empty", categoryId: ids.hats })).toEqual({ variants: "Add at least one variant." });
  });
});

describe("editing a product", () => {
  it("changes a price, adds a variant with stock and removes one, keeping the untouched variant's id and stock", async () => {
    const created = await createTee();
    const values = await editValues(created.id);
    const product = await db.product.findUniqueOrThrow({
      where: { id: created.id },
      include: { variants: { orderBy: { position: "asc" } } },
    });
    const [small, medium] = product.variants;

    // Row 0 (S) gets a new price, row 1 (M) is removed, a new row L comes with 9 in stock at West.
    const edited: Record<string, string> = Object.fromEntries(
      Object.entries(values).filter(([key]) => !key.startsWith("variants.1.")),
    );
    Object.assign(edited, {
      "variants.0.price": "17.00",
      "variants.1.options.0": "L",
      "variants.1.sku": `${created.prefix}-l`,
      "variants.1.price": "23",
      "variants.1.stock": "9",
      stockLocationId: ids.west,
    });
    const saved = await updateProduct(db, actor, created.id, parse(edited));
    expect(saved.previousSlug).toBeNull();

    const after = await db.product.findUniqueOrThrow({
      where: { id: created.id },
      include: {
        options: { include: { values: { orderBy: { position: "asc" } } } },
        variants: {
          orderBy: { position: "asc" },
          include: { inventory: true, optionValues: { include: { optionValue: true } } },
        },
      },
    });
    expect(after.variants.map((v) => [v.sku, v.priceCents, v.optionValues.map((l) => l.optionValue.value)])).toEqual([
      [`${created.prefix}-S`, 1700, ["S"]],
      [`${created.prefix}-L`, 2300, ["L"]],
    ]);
    expect(after.variants[0]?.id).toBe(small!.id);
    expect(after.variants[0]?.inventory.map((l) => l.onHand)).toEqual([7]);
    expect(after.variants[1]?.inventory.map((l) => [l.locationId, l.onHand])).toEqual([[ids.west, 9]]);
    expect(await db.variant.findUnique({ where: { id: medium!.id } })).toBeNull();
    // The option's values follow the grid: M is gone, L is new.
    expect(after.options[0]?.values.map((v) => v.value)).toEqual(["S", "L"]);
    expect([after.priceMinCents, after.priceMaxCents]).toEqual([1700, 2300]);

    const trail = await auditTrail(db, "Product", created.id);
    expect(trail[0]?.action).toBe("product.update");
    expect(trail[0]?.data).toMatchObject({
      variants: {
        added: [`${created.prefix}-L`],
        removed: [`${created.prefix}-M`],
        changed: [{ sku: `${created.prefix}-S`, changes: { priceCents: [1999, 1700] } }],
      },
      initialStock: [{ sku: `${created.prefix}-L`, quantity: 9 }],
    });
    expect(await db.outboxEvent.count({ where: { aggregateId: created.id, topic: SEARCH_UPSERT_TOPIC } })).toBe(2);
  });

  it("swaps two SKUs, renames an option and adds a second one without tripping the unique indexes", async () => {
    const created = await createTee();
    const values = await editValues(created.id);
    const saved = await updateProduct(
      db,
      actor,
      created.id,
      parse({
        ...values,
        "variants.0.sku": values["variants.1.sku"]!,
        "variants.1.sku": values["variants.0.sku"]!,
        "options.0.name": "Fit",
        "options.1.name": "Colour",
        "variants.0.options.1": "Black",
        "variants.1.options.1": "Black",
      }),
    );
    const product = await getProductForEdit(db, saved.id);
    expect(product?.options.map((o) => o.name)).toEqual(["Fit", "Colour"]);
    expect(product?.variants.map((v) => [v.sku, v.title, v.options])).toEqual([
      [`${created.prefix}-M`, "S / Black", ["S", "Black"]],
      [`${created.prefix}-S`, "M / Black", ["M", "Black"]],
    ]);
  });

  it("changes the URL name when asked, reports the old one, and refuses another product's", async () => {
    const created = await createTee();
    const other = await createTee();
    const values = await editValues(created.id);
    const renamed = await updateProduct(db, actor, created.id, parse({ ...values, slug: "Brand New Name" }));
    expect([renamed.slug, renamed.previousSlug]).toEqual(["brand-new-name", created.slug]);

    const before = await snapshot();
    const errors = await expectFieldErrors(
      updateProduct(db, actor, created.id, parse({ ...(await editValues(created.id)), slug: other.slug })),
    );
    expect(errors).toEqual({ slug: "Another product already uses this URL name." });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a SKU of another product and a save over a newer version, writing nothing", async () => {
    const created = await createTee();
    const other = await createTee();
    const values = await editValues(created.id);
    const before = await snapshot();
    const errors = await expectFieldErrors(
      updateProduct(db, actor, created.id, parse({ ...values, "variants.0.sku": `${other.prefix}-S` })),
    );
    expect(Object.keys(errors)).toEqual(["variants.0.sku"]);

    await expectUserError(
      updateProduct(db, actor, created.id, parse({ ...values, updatedAt: "2020-01-01T00:00:00.000Z" })),
      "stale_product",
    );
    expect(await snapshot()).toEqual(before);
  });

  it("refuses to remove a variant that has been ordered, and changes nothing", async () => {
    const created = await createTee();
    const variant = await db.variant.findFirstOrThrow({ where: { productId: created.id, sku: `${created.prefix}-M` } });
    await db.order.create({
      data: {
        checkoutToken: `tok-${created.prefix}`,
        email: "buyer@example.com",
        currency: "USD",
        subtotalCents: 2150,
        totalCents: 2150,
        shippingMethod: "STANDARD",
        shippingMethodName: "Standard",
        shippingAddress: {},
        lines: {
          create: {
            variantId: variant.id,
            productId: created.id,
            title: "Ridge Tee",
            sku: variant.sku,
            quantity: 1,
            unitPriceCents: 2150,
            totalCents: 2150,
          },
        },
      },
    });
    const values = await editValues(created.id);
    const withoutM = Object.fromEntries(Object.entries(values).filter(([key]) => !key.startsWith("variants.1.")));
    const before = await snapshot();
    const error = await expectUserError(updateProduct(db, actor, created.id, parse(withoutM)), "variant_in_use");
    expect(error.message).toContain(`${created.prefix}-M`);
    expect(await snapshot()).toEqual(before);
    // The edit page knows, so it offers no remove button for that row.
    expect((await getProductForEdit(db, created.id))?.variants.map((v) => v.inUse)).toEqual([false, true]);
  });

  it("refuses forged ids: an unknown product, another product's variant or option in the grid", async () => {
    const created = await createTee();
    const other = await createTee();
    const otherValues = await editValues(other.id);
    const values = await editValues(created.id);
    const before = await snapshot();

    await expectUserError(updateProduct(db, actor, "does-not-exist", parse(values)), "product_not_found");
    await expectUserError(setProductStatus(db, actor, "does-not-exist", "ARCHIVED"), "product_not_found");
    await expectUserError(
      updateProduct(db, actor, created.id, parse({ ...values, "variants.0.id": otherValues["variants.0.id"]! })),
      "stale_grid",
    );
    await expectUserError(
      updateProduct(db, actor, created.id, parse({ ...values, "options.0.id": otherValues["options.0.id"]! })),
      "stale_grid",
    );
    await expectUserError(
      updateProduct(db, actor, created.id, parse({ ...values, "variants.1.id": values["variants.0.id"]! })),
      "stale_grid",
    );
    expect(await snapshot()).toEqual(before);
  });

  it("reports a SKU taken by a concurrent save as a field error, not a crash", async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const shared = `${stem()}-RACE`;
      const results = await Promise.allSettled(
        [0, 1].map((n) =>
          createProduct(db, actor, parse(teeForm(stem(), { "variants.0.sku": shared, title: `Race ${attempt}-${n}` }))),
        ),
      );
      const fulfilled = results.filter((r) => r.status === "fulfilled");
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]?.reason).toBeInstanceOf(ProductFieldError);
      expect(Object.keys((rejected[0]?.reason as ProductFieldError).fieldErrors)).toEqual(["variants.0.sku"]);
      expect(await db.variant.count({ where: { sku: shared } })).toBe(1);
    }
  });
});

describe("status", () => {
  it("archiving takes a product out of the storefront and search; activating brings it back", async () => {
    const created = await createTee();
    expect(await getProductBySlug(db, created.slug)).not.toBeNull();

    const archived = await setProductStatus(db, actor, created.id, "ARCHIVED");
    expect(archived.status).toBe("ARCHIVED");
    expect(await getProductBySlug(db, created.slug)).toBeNull();
    const listing = await listProducts(db, { categoryIds: [ids.tees], sort: "newest", page: 1, pageSize: 100 });
    expect(listing.items.map((item) => item.id)).not.toContain(created.id);

    // A second click changes nothing and records nothing.
    const events = await db.outboxEvent.count({ where: { aggregateId: created.id } });
    await setProductStatus(db, actor, created.id, "ARCHIVED");
    expect(await db.outboxEvent.count({ where: { aggregateId: created.id } })).toBe(events);

    await setProductStatus(db, actor, created.id, "ACTIVE");
    expect(await getProductBySlug(db, created.slug)).not.toBeNull();
    const trail = await auditTrail(db, "Product", created.id);
    expect(trail.filter((e) => e.action === "product.status").map((e) => e.data)).toEqual([
      { from: "ARCHIVED", to: "ACTIVE" },
      { from: "ACTIVE", to: "ARCHIVED" },
    ]);
    expect(await db.outboxEvent.count({ where: { aggregateId: created.id } })).toBe(events + 1);
  });

  it("keeps the status when the edit form sends none", async () => {
    const created = await createTee();
    const values = await editValues(created.id);
    delete values.status;
    const saved = await updateProduct(db, actor, created.id, parse(values));
    expect(saved.status).toBe("ACTIVE");
  });
});

describe("admin list", () => {
  it("searches by title and SKU, filters by status and category (with subcategories), counts per status and pages", async () => {
    const prefix = `LST${stem()}`;
    const shown = await createTee(prefix);
    await setProductStatus(db, actor, (await createTee(`${prefix}b`)).id, "DRAFT");

    const bySku = await listAdminProducts(db, parseAdminProductListParams({ q: `${prefix.toLowerCase()}-m` }));
    expect(bySku.items.map((i) => i.id)).toEqual([shown.id]);
    expect(bySku.items[0]).toMatchObject({
      variantCount: 2,
      onHand: 11,
      priceMinCents: 1999,
      status: "ACTIVE",
      categoryName: "T-shirts",
      brandName: "Acme",
    });

    const byTitle = await listAdminProducts(db, parseAdminProductListParams({ q: `ridge tee ${prefix}` }));
    expect(byTitle.statusCounts).toMatchObject({ ALL: 2, ACTIVE: 1, DRAFT: 1, ARCHIVED: 0 });
    const drafts = await listAdminProducts(
      db,
      parseAdminProductListParams({ q: `ridge tee ${prefix}`, status: "draft" }),
    );
    expect(drafts.items).toHaveLength(1);
    expect(drafts.total).toBe(1);

    const parent = await listAdminProducts(db, parseAdminProductListParams({ category: ids.apparel, q: prefix }));
    expect(parent.total).toBe(2);
    const otherCategory = await listAdminProducts(db, parseAdminProductListParams({ category: ids.hats, q: prefix }));
    expect(otherCategory.total).toBe(0);
    const unknownCategory = await listAdminProducts(db, parseAdminProductListParams({ category: "nope" }));
    expect(unknownCategory.total).toBe(0);

    const all = await listAdminProducts(db, parseAdminProductListParams({}));
    expect(all.items.length).toBeLessThanOrEqual(all.pageSize);
    const past = await listAdminProducts(db, parseAdminProductListParams({ page: "999" }));
    expect(past.items).toEqual([]);
    expect(past.total).toBe(all.total);
    // Garbage parameters fall back to no filter.
    expect(parseAdminProductListParams({ status: "weird", page: "-1", category: "../x" })).toEqual({
      q: "",
      status: null,
      categoryId: null,
      page: 1,
    });
  });
});

describe("images", () => {
  async function filesInUploads(): Promise<string[]> {
    return readdir(path.join(uploads, "products")).catch(() => []);
  }

  it("stores a real PNG under UPLOAD_DIR, records it and serves it with immutable caching", async () => {
    const created = await createTee();
    const added = await addProductImage(db, actor, created.id, { bytes: PNG_1X1, alt: "Front" });
    expect(added.image).toMatchObject({ alt: "Front", width: 1, height: 1, position: 0 });
    expect(added.image.url).toMatch(new RegExp(`^/media/products/${created.slug}\\.[0-9a-f]{10}\\.png$`));
    const fileName = decodeURIComponent(added.image.url.split("/").at(-1)!);
    expect(await filesInUploads()).toContain(fileName);

    const response = await mediaGET(new Request(`http://localhost${added.image.url}`), {
      params: Promise.resolve({ path: ["products", fileName] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG_1X1);

    expect((await auditTrail(db, "Product", created.id))[0]?.action).toBe("product.image.add");
    expect(await db.outboxEvent.count({ where: { aggregateId: created.id } })).toBe(2);
    // The storefront shows it.
    expect((await getProductBySlug(db, created.slug))?.images.map((i) => i.url)).toEqual([added.image.url]);
  });

  it("refuses a text file named .png, an SVG, an empty file and a file over MAX_IMAGE_BYTES, writing no file and no row", async () => {
    const created = await createTee();
    const files = await filesInUploads();
    const before = await snapshot();
    await expectUserError(
      addProductImage(db, actor, created.id, { bytes: Buffer.from("just some notes, honestly"), alt: "" }),
      "image_unsupported",
    );
    await expectUserError(
      addProductImage(db, actor, created.id, {
        bytes: Buffer.from(
          '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
        alt: "",
      }),
      "image_svg_refused",
    );
    await expectUserError(addProductImage(db, actor, created.id, { bytes: new Uint8Array(0), alt: "" }), "image_empty");
    // PNG magic bytes with nothing behind them: a disguised or truncated file.
    await expectUserError(
      addProductImage(db, actor, created.id, { bytes: PNG_1X1.subarray(0, 12), alt: "" }),
      "image_unreadable",
    );
    process.env.MAX_IMAGE_BYTES = "50";
    const tooLarge = await expectUserError(
      addProductImage(db, actor, created.id, { bytes: PNG_1X1, alt: "" }),
      "image_too_large",
    );
    expect(tooLarge.message).toBe(`The image is ${PNG_1X1.byteLength} bytes; the limit is 50 bytes.`);
    delete process.env.MAX_IMAGE_BYTES;
    await expectUserError(
      addProductImage(db, actor, "does-not-exist", { bytes: PNG_1X1, alt: "" }),
      "product_not_found",
    );
    expect(await filesInUploads()).toEqual(files);
    expect(await snapshot()).toEqual(before);
  });

  it("stops reading an upload body at the limit, even without a Content-Length", async () => {
    const big = new Uint8Array(300 * 1024);
    const form = new FormData();
    form.set("file", new Blob([big], { type: "image/png" }), "big.png");
    const encoded = new Response(form);
    const contentType = encoded.headers.get("content-type")!;
    const bodyBytes = new Uint8Array(await encoded.arrayBuffer());
    const streamed = new Request("http://localhost/upload", {
      method: "POST",
      headers: { "content-type": contentType },
      body: new ReadableStream({
        start(controller) {
          for (let offset = 0; offset < bodyBytes.length; offset += 16 * 1024)
            controller.enqueue(bodyBytes.subarray(offset, offset + 16 * 1024));
          controller.close();
        },
      }),
      duplex: "half",
    } as RequestInit);
    await expectUserError(readCappedFormData(streamed, 100 * 1024), "image_too_large");

    const declared = new Request("http://localhost/upload", {
      method: "POST",
      headers: { "content-type": contentType, "content-length": String(bodyBytes.length) },
      body: bodyBytes,
    });
    await expectUserError(readCappedFormData(declared, 100 * 1024), "image_too_large");

    const fits = await readCappedFormData(
      new Request("http://localhost/upload", {
        method: "POST",
        headers: { "content-type": contentType },
        body: bodyBytes,
      }),
      400 * 1024,
    );
    expect((fits.get("file") as Blob).size).toBe(big.length);

    await expectUserError(
      readCappedFormData(new Request("http://localhost/upload", { method: "POST", body: "x" }), 1024),
      "bad_request",
    );
  });

  it("sets alt text, reorders and removes images, refusing another product's image", async () => {
    const created = await createTee();
    const other = await createTee();
    const gif = Buffer.from("474946383961020003000000", "hex"); // GIF89a, 2 x 3
    const first = await addProductImage(db, actor, created.id, { bytes: PNG_1X1, alt: "" });
    const second = await addProductImage(db, actor, created.id, { bytes: gif, alt: "Back" });
    expect(second.image).toMatchObject({ width: 2, height: 3, position: 1 });
    expect(second.image.url).toMatch(/\.gif$/);
    const foreign = await addProductImage(db, actor, other.id, { bytes: PNG_1X1, alt: "" });

    await updateProductImageAlt(db, actor, created.id, first.image.id, "Front view");
    await moveProductImage(db, actor, created.id, second.image.id, "first");
    let images = (await getProductForEdit(db, created.id))!.images;
    expect(images.map((i) => [i.id, i.position, i.alt])).toEqual([
      [second.image.id, 0, "Back"],
      [first.image.id, 1, "Front view"],
    ]);

    const before = await snapshot();
    await expectUserError(updateProductImageAlt(db, actor, created.id, foreign.image.id, "hijack"), "image_not_found");
    await expectUserError(deleteProductImage(db, actor, created.id, foreign.image.id), "image_not_found");
    await expectUserError(moveProductImage(db, actor, created.id, foreign.image.id, "up"), "image_not_found");
    expect(await snapshot()).toEqual(before);

    await deleteProductImage(db, actor, created.id, second.image.id);
    images = (await getProductForEdit(db, created.id))!.images;
    expect(images.map((i) => [i.id, i.position])).toEqual([[first.image.id, 0]]);
    expect((await auditTrail(db, "Product", created.id)).map((e) => e.action).slice(0, 3)).toEqual([
      "product.image.delete",
      "product.image.move",
      "product.image.alt",
    ]);
  });
});
