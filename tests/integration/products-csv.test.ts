// Products CSV import and export against a real database: an export imports back as a no-op; a valid
// file creates and updates products, variants, options and stock (with the stock ledger, audit entry and
// search outbox events); every kind of bad input named in the issue is reported by row and column and
// writes nothing at all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createStore } from "../helpers/checkout-fixture";
import type { Db } from "@/lib/db";
import { parseCsv, toCsv } from "@/lib/csv";
import { exportProductsCsv, importProductsCsv, MAX_IMPORT_ROWS, type ImportReport } from "@/lib/catalog/csv";
import { SEARCH_UPSERT_TOPIC } from "@/lib/outbox/topics";

let database: TestDatabase;
let db: Db;
let actorId: string;
let reservedLevelVariantSku: string;

async function collect(iterable: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const chunk of iterable) text += chunk;
  return text;
}

/** Everything an import may write, down to updatedAt, to prove a refused or no-op import wrote nothing. */
async function snapshot() {
  const [products, variants, options, values, links, levels, adjustments, outbox, audit] = await Promise.all([
    db.product.findMany({
      orderBy: { id: "asc" },
      select: {
        id: true,
        slug: true,
        title: true,
        description: true,
        status: true,
        brandId: true,
        categoryId: true,
        priceMinCents: true,
        priceMaxCents: true,
        updatedAt: true,
      },
    }),
    db.variant.findMany({ orderBy: { id: "asc" } }),
    db.productOption.findMany({ orderBy: { id: "asc" } }),
    db.productOptionValue.findMany({ orderBy: { id: "asc" } }),
    db.variantOptionValue.findMany({ orderBy: [{ variantId: "asc" }, { optionValueId: "asc" }] }),
    db.inventoryLevel.findMany({
      orderBy: { id: "asc" },
      select: { id: true, onHand: true, reserved: true, updatedAt: true },
    }),
    db.inventoryAdjustment.count(),
    db.outboxEvent.count(),
    db.auditLog.count(),
  ]);
  return { products, variants, options, values, links, levels, adjustments, outbox, audit };
}

const HEADER =
  "handle,title,description,status,brand,category,option1_name,option1_value,option2_name,option2_value,sku,price,compare_at_price,currency,weight_grams,low_stock_threshold,stock:WH-EAST,stock:WH-WEST";

function file(...rows: string[]): string {
  return [HEADER, ...rows].join("\r\n") + "\r\n";
}

/** A valid row of the fixture catalog's format, with overrides by column name. */
function row(overrides: Record<string, string> = {}): string {
  const values: Record<string, string> = {
    handle: "trail-tee",
    title: "Trail Tee",
    description: "A light tee.",
    status: "ACTIVE",
    brand: "northwind",
    category: "tees",
    option1_name: "Colour",
    option1_value: "Navy",
    option2_name: "Size",
    option2_value: "M",
    sku: "TRAIL-NAV-M",
    price: "24.00",
    compare_at_price: "",
    currency: "USD",
    weight_grams: "180",
    low_stock_threshold: "3",
    "stock:WH-EAST": "10",
    "stock:WH-WEST": "",
    ...overrides,
  };
  return toCsv([HEADER.split(",").map((column) => values[column] ?? "")]).trimEnd();
}

async function importText(text: string, options: { dryRun?: boolean } = {}): Promise<ImportReport> {
  return importProductsCsv(db, text, { actorId, fileName: "test.csv", ...options });
}

async function expectRefused(text: string, expected: { row: number; column: string; message: RegExp }[]) {
  const before = await snapshot();
  const report = await importText(text);
  expect(report.ok, JSON.stringify(report)).toBe(false);
  if (report.ok) return;
  for (const error of expected) {
    expect(report.errors, JSON.stringify(report.errors)).toContainEqual({
      row: error.row,
      column: error.column,
      message: expect.stringMatching(error.message),
    });
  }
  expect(await snapshot()).toEqual(before);
  return report;
}

beforeAll(async () => {
  database = await createTestDatabase("products_csv");
  db = database.prisma;
  actorId = (await db.user.create({ data: { email: "admin@example.com", role: "ADMIN" } })).id;
  const tees = await db.category.create({ data: { slug: "tees", name: "Tees" } });
  await db.category.create({ data: { slug: "hoodies", name: "Hoodies" } });
  const brand = await db.brand.create({ data: { slug: "northwind", name: "Northwind" } });
  await db.brand.create({ data: { slug: "acme", name: "Acme" } });
  const east = await db.location.create({ data: { code: "WH-EAST", name: "East", priority: 0 } });
  const west = await db.location.create({ data: { code: "WH-WEST", name: "West", priority: 1 } });

  // A product with two options, a sale price, a formula-like title and a reserved unit.
  const product = await db.product.create({
    data: {
      slug: "ridge-tee",
      title: "=Ridge Tee",
      description: 'Soft, "heavy" cotton.\nMachine wash.',
      status: "ACTIVE",
      brandId: brand.id,
      categoryId: tees.id,
      priceMinCents: 2500,
      priceMaxCents: 2700,
    },
  });
  const colour = await db.productOption.create({ data: { productId: product.id, name: "Colour", position: 0 } });
  const size = await db.productOption.create({ data: { productId: product.id, name: "Size", position: 1 } });
  const black = await db.productOptionValue.create({ data: { optionId: colour.id, value: "Black", position: 0 } });
  const m = await db.productOptionValue.create({ data: { optionId: size.id, value: "M", position: 0 } });
  const l = await db.productOptionValue.create({ data: { optionId: size.id, value: "L", position: 1 } });
  const variants = [
    {
      sku: "RIDGE-BLK-M",
      title: "Black / M",
      priceCents: 2500,
      compareAtPriceCents: 3500,
      weightGrams: 200,
      values: [black.id, m.id],
      stock: [4, 2],
    },
    {
      sku: "RIDGE-BLK-L",
      title: "Black / L",
      priceCents: 2700,
      compareAtPriceCents: null,
      weightGrams: null,
      values: [black.id, l.id],
      stock: [3, null],
    },
  ];
  for (const [position, spec] of variants.entries()) {
    const variant = await db.variant.create({
      data: {
        productId: product.id,
        sku: spec.sku,
        title: spec.title,
        priceCents: spec.priceCents,
        compareAtPriceCents: spec.compareAtPriceCents,
        weightGrams: spec.weightGrams,
        position,
        optionValues: { create: spec.values.map((optionValueId) => ({ optionValueId })) },
      },
    });
    await db.inventoryLevel.create({
      data: { variantId: variant.id, locationId: east.id, onHand: spec.stock[0]!, reserved: position === 0 ? 2 : 0 },
    });
    if (spec.stock[1] !== null)
      await db.inventoryLevel.create({ data: { variantId: variant.id, locationId: west.id, onHand: spec.stock[1]! } });
  }
  reservedLevelVariantSku = "RIDGE-BLK-M";
  // More products from the checkout fixture: no options, lower-case SKUs, other locations and categories.
  await createStore(db, {
    variants: [
      { priceCents: 1999, stock: [5, 0] },
      { priceCents: 500, stock: [0, 7], status: "DRAFT" },
    ],
  });
});

afterAll(async () => {
  await database?.drop();
});

describe("products CSV export", () => {
  it("writes one row per variant with options, decimal prices and stock per location", async () => {
    const text = await collect(exportProductsCsv(db, { batchSize: 1 }));
    const [header, ...rows] = parseCsv(text);
    expect(header?.slice(0, 18)).toEqual(
      HEADER.split(",").slice(0, 10).concat(["option3_name", "option3_value"], HEADER.split(",").slice(10, 16)),
    );
    expect(header).toContain("stock:WH-EAST");
    expect(rows).toHaveLength(4);
    const ridge = rows.filter((cells) => cells[0] === "ridge-tee");
    const at = (cells: string[], name: string) => cells[header!.indexOf(name)];
    expect(ridge.map((cells) => at(cells, "sku"))).toEqual(["RIDGE-BLK-M", "RIDGE-BLK-L"]);
    const first = ridge[0]!;
    expect(at(first, "title")).toBe("'=Ridge Tee"); // formula guard
    expect(at(first, "description")).toBe('Soft, "heavy" cotton.\nMachine wash.');
    expect([
      at(first, "option1_name"),
      at(first, "option1_value"),
      at(first, "option2_name"),
      at(first, "option2_value"),
    ]).toEqual(["Colour", "Black", "Size", "M"]);
    expect([
      at(first, "price"),
      at(first, "compare_at_price"),
      at(first, "currency"),
      at(first, "weight_grams"),
    ]).toEqual(["25.00", "35.00", "USD", "200"]);
    expect([at(first, "stock:WH-EAST"), at(first, "stock:WH-WEST")]).toEqual(["4", "2"]);
    expect([at(ridge[1]!, "compare_at_price"), at(ridge[1]!, "weight_grams"), at(ridge[1]!, "stock:WH-WEST")]).toEqual([
      "",
      "",
      "",
    ]);
  });
});

describe("products CSV import", () => {
  it("imports its own export as a no-op", async () => {
    const before = await snapshot();
    const exported = await collect(exportProductsCsv(db));
    const report = await importText(exported);
    expect(report).toMatchObject({
      ok: true,
      written: false,
      counts: {
        rows: 4,
        productsCreated: 0,
        productsUpdated: 0,
        productsUnchanged: 3,
        variantsCreated: 0,
        variantsUpdated: 0,
        variantsUnchanged: 4,
        stockLevelsChanged: 0,
      },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("validates only on a dry run", async () => {
    const before = await snapshot();
    const report = await importText(file(row()), { dryRun: true });
    expect(report).toMatchObject({
      ok: true,
      dryRun: true,
      written: false,
      counts: { productsCreated: 1, variantsCreated: 1, stockLevelsChanged: 1 },
    });
    expect(await snapshot()).toEqual(before);
  });

  // All or nothing at the write step too: a failure in the middle of the one transaction (here a database
  // error injected on inserts into a table the import writes late, after products, options, variants and
  // stock) leaves no trace of the rows written before it.
  it.each(["InventoryAdjustment", "OutboxEvent", "AuditLog"])(
    "rolls back everything when writing %s fails part-way through",
    async (table) => {
      const exported = parseCsv(await collect(exportProductsCsv(db)));
      const header = exported[0]!;
      const edited = exported.map((cells, index) => {
        if (index === 0 || cells[header.indexOf("sku")] !== "RIDGE-BLK-L") return cells;
        const copy = [...cells];
        copy[header.indexOf("price")] = "29.00";
        copy[header.indexOf("stock:WH-EAST")] = "9";
        return copy;
      });
      const created = parseCsv(row({ handle: "half-written-tee", title: "Half Written Tee", sku: "HALF-NAV-M" }))[0]!;
      const byName = new Map(HEADER.split(",").map((name, i) => [name, created[i]!]));
      const text = toCsv([...edited, header.map((name) => byName.get(name) ?? "")]);
      // The same file is valid and would write: a dry run says so.
      expect(await importText(text, { dryRun: true })).toMatchObject({
        ok: true,
        counts: { productsCreated: 1, productsUpdated: 1, variantsCreated: 1, variantsUpdated: 1 },
      });

      const before = await snapshot();
      await db.$executeRawUnsafe(`
        CREATE OR REPLACE FUNCTION test_fail_import() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'injected failure writing %', TG_TABLE_NAME; END $$`);
      await db.$executeRawUnsafe(
        `CREATE TRIGGER test_fail_import BEFORE INSERT ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION test_fail_import()`,
      );
      try {
        await expect(importText(text)).rejects.toThrow(`injected failure writing ${table}`);
      } finally {
        await db.$executeRawUnsafe(`DROP TRIGGER test_fail_import ON "${table}"`);
      }
      expect(await snapshot()).toEqual(before);
      expect(await db.product.findUnique({ where: { slug: "half-written-tee" } })).toBeNull();
    },
  );

  it("creates products with options, variants and stock, and updates existing ones, in one go", async () => {
    const exported = parseCsv(await collect(exportProductsCsv(db)));
    const header = exported[0]!;
    // The export with one price changed and the reserved variant's stock lowered to exactly what is reserved.
    const edited = exported.map((cells, index) => {
      if (index === 0 || cells[header.indexOf("sku")] !== reservedLevelVariantSku) return cells;
      const copy = [...cells];
      copy[header.indexOf("price")] = "26.50";
      copy[header.indexOf("stock:WH-EAST")] = "2";
      return copy;
    });
    const newRows = [
      row(),
      row({
        option1_value: "Navy",
        option2_value: "L",
        sku: "trail-nav-l",
        "stock:WH-EAST": "0",
        "stock:WH-WEST": "6",
      }),
      row({
        option1_value: "Sand",
        option2_value: "M",
        sku: "TRAIL-SND-M",
        price: "26",
        compare_at_price: "30.00",
        weight_grams: "",
        low_stock_threshold: "",
      }),
    ].map((line) => {
      const cells = parseCsv(line)[0]!;
      const byName = new Map(HEADER.split(",").map((name, i) => [name, cells[i]!]));
      return header.map((name) => byName.get(name) ?? "");
    });
    const report = await importText(toCsv([...edited, ...newRows]));
    expect(report).toMatchObject({
      ok: true,
      written: true,
      counts: {
        rows: 7,
        productsCreated: 1,
        productsUpdated: 1,
        productsUnchanged: 2,
        variantsCreated: 3,
        variantsUpdated: 1,
        variantsUnchanged: 3,
        stockLevelsChanged: 4,
      },
    });
    if (!report.ok) return;
    expect(report.touchedHandles.sort()).toEqual(["ridge-tee", "trail-tee"]);

    const trail = await db.product.findUniqueOrThrow({
      where: { slug: "trail-tee" },
      include: {
        brand: true,
        category: true,
        options: { orderBy: { position: "asc" }, include: { values: { orderBy: { position: "asc" } } } },
        variants: { orderBy: { position: "asc" }, include: { inventory: { include: { location: true } } } },
      },
    });
    expect(trail).toMatchObject({
      title: "Trail Tee",
      status: "ACTIVE",
      description: "A light tee.",
      priceMinCents: 2400,
      priceMaxCents: 2600,
      currency: "USD",
    });
    expect(trail.publishedAt).not.toBeNull();
    expect(trail.brand?.slug).toBe("northwind");
    expect(trail.category.slug).toBe("tees");
    expect(trail.options.map((option) => [option.name, option.values.map((value) => value.value)])).toEqual([
      ["Colour", ["Navy", "Sand"]],
      ["Size", ["M", "L"]],
    ]);
    expect(
      trail.variants.map((variant) => [
        variant.sku,
        variant.title,
        variant.priceCents,
        variant.compareAtPriceCents,
        variant.weightGrams,
        variant.lowStockThreshold,
        variant.position,
      ]),
    ).toEqual([
      ["TRAIL-NAV-M", "Navy / M", 2400, null, 180, 3, 0],
      ["TRAIL-NAV-L", "Navy / L", 2400, null, 180, 3, 1],
      ["TRAIL-SND-M", "Sand / M", 2600, 3000, null, 5, 2],
    ]);
    const stockOf = (index: number) =>
      Object.fromEntries(trail.variants[index]!.inventory.map((level) => [level.location.code, level.onHand]));
    expect(stockOf(0)).toEqual({ "WH-EAST": 10 });
    expect(stockOf(1)).toEqual({ "WH-WEST": 6 }); // a 0 for a new variant creates no stock row
    expect(stockOf(2)).toEqual({ "WH-EAST": 10 });

    const ridge = await db.variant.findUniqueOrThrow({
      where: { sku: reservedLevelVariantSku },
      include: { inventory: { include: { location: true } }, product: true },
    });
    expect(ridge.priceCents).toBe(2650);
    expect(ridge.product.priceMinCents).toBe(2650);
    expect(ridge.inventory.find((level) => level.location.code === "WH-EAST")).toMatchObject({
      onHand: 2,
      reserved: 2,
    });

    // The stock ledger: opening stock for the new variants, a correction for the changed count.
    const adjustments = await db.inventoryAdjustment.findMany({ include: { variant: true, location: true } });
    expect(
      adjustments.map((a) => [a.variant.sku, a.location.code, a.delta, a.reason, a.note, a.actorId]).sort(),
    ).toEqual(
      [
        ["RIDGE-BLK-M", "WH-EAST", -2, "CORRECTION", "CSV import", actorId],
        ["TRAIL-NAV-L", "WH-WEST", 6, "INITIAL", "CSV import", actorId],
        ["TRAIL-NAV-M", "WH-EAST", 10, "INITIAL", "CSV import", actorId],
        ["TRAIL-SND-M", "WH-EAST", 10, "INITIAL", "CSV import", actorId],
      ].sort(),
    );

    // One audit entry summarising the import, and one search event per touched product.
    const audit = await db.auditLog.findMany({ where: { action: "product.import" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId, entityType: "ProductImport", entityId: report.auditId });
    expect(audit[0]!.data).toMatchObject({
      fileName: "test.csv",
      productsCreated: 1,
      productsUpdated: 1,
      variantsCreated: 3,
      stockLevelsChanged: 4,
    });
    const events = await db.outboxEvent.findMany({ where: { topic: SEARCH_UPSERT_TOPIC } });
    expect(events.map((event) => event.aggregateId).sort()).toEqual([ridge.productId, trail.id].sort());

    // And the new state exports and re-imports as a no-op too.
    const before = await snapshot();
    expect(await importText(await collect(exportProductsCsv(db)))).toMatchObject({
      ok: true,
      written: false,
      counts: { productsUnchanged: 4, variantsUnchanged: 7 },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("renames a product's options when the file lists every one of its variants", async () => {
    const exported = parseCsv(await collect(exportProductsCsv(db)));
    const header = exported[0]!;
    const ridgeRows = exported
      .filter((cells) => cells[0] === "ridge-tee")
      .map((cells) => {
        const copy = [...cells];
        copy[header.indexOf("option1_name")] = "Color";
        return copy;
      });
    const before = await db.variant.findMany({
      where: { product: { slug: "ridge-tee" } },
      orderBy: { position: "asc" },
    });
    const report = await importText(toCsv([header, ...ridgeRows]));
    expect(report).toMatchObject({
      ok: true,
      written: true,
      counts: { productsUpdated: 1, variantsUpdated: 2, variantsCreated: 0 },
    });
    const ridge = await db.product.findUniqueOrThrow({
      where: { slug: "ridge-tee" },
      include: {
        options: { orderBy: { position: "asc" }, include: { values: { orderBy: { position: "asc" } } } },
        variants: {
          orderBy: { position: "asc" },
          include: { optionValues: { include: { optionValue: { include: { option: true } } } } },
        },
      },
    });
    expect(ridge.options.map((option) => [option.name, option.values.map((value) => value.value)])).toEqual([
      ["Color", ["Black"]],
      ["Size", ["M", "L"]],
    ]);
    expect(
      ridge.variants.map((variant) =>
        variant.optionValues.map((link) => `${link.optionValue.option.name}=${link.optionValue.value}`).sort(),
      ),
    ).toEqual([
      ["Color=Black", "Size=M"],
      ["Color=Black", "Size=L"],
    ]);
    // Same variants (ids, SKUs, prices, titles), re-linked to the new options.
    expect(ridge.variants.map((variant) => [variant.id, variant.sku, variant.title, variant.priceCents])).toEqual(
      before.map((variant) => [variant.id, variant.sku, variant.title, variant.priceCents]),
    );
  });

  it("leaves columns the file does not have alone", async () => {
    const before = await db.product.findUniqueOrThrow({
      where: { slug: "trail-tee" },
      include: { variants: { orderBy: { position: "asc" } } },
    });
    const report = await importText("Handle,Title,Category,SKU,Price\ntrail-tee,Trail Tee,tees,TRAIL-NAV-M,25\n");
    expect(report).toMatchObject({
      ok: true,
      written: true,
      counts: { productsUpdated: 1, variantsUpdated: 1, variantsUnchanged: 0 },
    });
    const after = await db.product.findUniqueOrThrow({
      where: { slug: "trail-tee" },
      include: { variants: { orderBy: { position: "asc" } } },
    });
    expect(after).toMatchObject({ description: before.description, status: before.status, brandId: before.brandId });
    expect(after.variants[0]).toMatchObject({
      priceCents: 2500,
      title: "Navy / M",
      weightGrams: 180,
      lowStockThreshold: 3,
      compareAtPriceCents: null,
    });
    expect(after.variants.slice(1)).toEqual(before.variants.slice(1));
  });
});

describe("products CSV import refuses bad input, writing nothing", () => {
  it("wrong or missing headers, listed by name", async () => {
    await expectRefused("handle,titel,category,sku,cost\nx,X,tees,SKU1,1\n", [
      { row: 1, column: "titel", message: /Unknown columns: "titel", "cost"/ },
      { row: 1, column: "title", message: /Missing required columns: title, price/ },
    ]);
    await expectRefused("", [{ row: 1, column: "", message: /empty/ }]);
    await expectRefused(`${HEADER}\n`, [{ row: 2, column: "", message: /no product rows/ }]);
  });

  it("bad numbers: prices, negative and fractional stock, weights", async () => {
    await expectRefused(
      file(
        row({ price: "abc" }),
        row({ sku: "TRAIL-2", option2_value: "L", price: "19.999", "stock:WH-EAST": "-3" }),
        row({ sku: "TRAIL-3", option2_value: "XL", price: "-5", "stock:WH-WEST": "1.5", weight_grams: "12.5" }),
        row({ sku: "TRAIL-4", option2_value: "S", price: "$20", compare_at_price: "10", low_stock_threshold: "many" }),
        row({ sku: "TRAIL-5", option2_value: "XS", price: "0", currency: "dollars" }),
      ),
      [
        { row: 2, column: "price", message: /Enter a number like 19\.99/ },
        { row: 3, column: "price", message: /at most 2 decimals/ },
        { row: 3, column: "stock:WH-EAST", message: /can't be negative/ },
        { row: 4, column: "price", message: /more than zero/ },
        { row: 4, column: "stock:WH-WEST", message: /whole number \(no decimals\)/ },
        { row: 4, column: "weight_grams", message: /whole number/ },
        { row: 5, column: "price", message: /Enter a number/ },
        { row: 5, column: "low_stock_threshold", message: /whole number/ },
        { row: 6, column: "currency", message: /3-letter ISO 4217/ },
      ],
    );
    await expectRefused(file(row({ price: "30", compare_at_price: "20" })), [
      { row: 2, column: "compare_at_price", message: /higher than the price/ },
    ]);
  });

  it("a new price at or above the compare-at price the file leaves in place", async () => {
    const variant = await db.variant.findUniqueOrThrow({ where: { sku: "TRAIL-NAV-M" } });
    await db.variant.update({ where: { id: variant.id }, data: { compareAtPriceCents: 3500 } });
    try {
      await expectRefused("Handle,Title,Category,SKU,Price\ntrail-tee,Trail Tee,tees,TRAIL-NAV-M,35\n", [
        { row: 2, column: "compare_at_price", message: /higher than the price/ },
      ]);
    } finally {
      await db.variant.update({
        where: { id: variant.id },
        data: { compareAtPriceCents: variant.compareAtPriceCents },
      });
    }
  });

  it("unknown category, brand and location", async () => {
    await expectRefused(file(row({ category: "sneakers", brand: "nope" })), [
      { row: 2, column: "category", message: /Unknown category "sneakers".*Known categories include: .*hoodies/ },
      { row: 2, column: "brand", message: /Unknown brand "nope". Import does not create brands/ },
    ]);
    await expectRefused(`${HEADER},stock:NOWHERE\n${row()},4\n`, [
      { row: 1, column: "stock:NOWHERE", message: /Unknown location "NOWHERE"/ },
    ]);
  });

  it("duplicate SKUs in the file and SKUs of another product", async () => {
    await expectRefused(file(row(), row({ option2_value: "L", sku: "trail-nav-m" })), [
      { row: 3, column: "sku", message: /TRAIL-NAV-M is already on row 2/ },
    ]);
    await expectRefused(file(row({ handle: "brand-new", sku: "ridge-blk-m" })), [
      { row: 2, column: "sku", message: /RIDGE-BLK-M already belongs to another product \("ridge-tee"\)/ },
    ]);
  });

  it("product columns that differ between rows of one product, and repeated option combinations", async () => {
    await expectRefused(
      file(row(), row({ option2_value: "L", sku: "TRAIL-X", title: "Trail Tee 2", status: "DRAFT" })),
      [
        { row: 3, column: "title", message: /Differs from row 2/ },
        { row: 3, column: "status", message: /Differs from row 2/ },
      ],
    );
    await expectRefused(
      file(row({ handle: "other", sku: "O-1" }), row({ handle: "other", sku: "O-2", option1_value: "navy" })),
      [{ row: 3, column: "option1_value", message: /Row 2 is already Colour: navy, Size: M/ }],
    );
    await expectRefused(file(row({ handle: "other", sku: "O-1", option2_name: "" })), [
      { row: 2, column: "option2_name", message: /Name the option/ },
    ]);
  });

  it("stock below what unpaid orders reserved, and options that would change under unlisted variants", async () => {
    // (An earlier test renamed ridge-tee's Colour option to Color.)
    await expectRefused(
      file(
        row({
          handle: "ridge-tee",
          title: "=Ridge Tee",
          sku: reservedLevelVariantSku,
          option1_name: "Color",
          option1_value: "Black",
          option2_value: "M",
          "stock:WH-EAST": "1",
        }),
      ),
      [{ row: 2, column: "stock:WH-EAST", message: /2 units are reserved at WH-EAST/ }],
    );
    await expectRefused(
      file(
        row({
          handle: "ridge-tee",
          title: "=Ridge Tee",
          sku: "RIDGE-BLK-M",
          option1_name: "Shade",
          option1_value: "Black",
          option2_value: "M",
        }),
      ),
      [
        {
          row: 2,
          column: "option1_name",
          message: /Options can only change when the file lists every variant.*RIDGE-BLK-L/,
        },
      ],
    );
  });

  it("one bad row among good ones writes none of them", async () => {
    const report = await expectRefused(
      file(
        row({ handle: "good-one", sku: "GOOD-1" }),
        row({ handle: "good-two", sku: "GOOD-2" }),
        row({ handle: "bad", sku: "BAD-1", price: "free" }),
      ),
      [{ row: 4, column: "price", message: /Enter a number/ }],
    );
    expect(report && !report.ok && report.errorCount).toBe(1);
    expect(await db.product.count({ where: { slug: { in: ["good-one", "good-two"] } } })).toBe(0);
  });

  it("malformed CSV, rows of the wrong width, too many rows and too large a file", async () => {
    await expectRefused(`${HEADER}\n${row({ title: "x" }).replace("x", '"unterminated')}\n`, [
      { row: 2, column: "", message: /never closed/ },
    ]);
    await expectRefused(file(`${row()},extra`), [{ row: 2, column: "", message: /19 cells but the header has 18/ }]);
    const many = `handle,title,category,sku,price\n${Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `p-${i},P,tees,S-${i},1`).join("\n")}\n`;
    await expectRefused(many, [{ row: MAX_IMPORT_ROWS + 2, column: "", message: /more than 20,000 product rows/ }]);
    const huge = file(row({ description: "x".repeat(5 * 1024 * 1024) }));
    await expectRefused(huge, [{ row: 0, column: "", message: /limit is 5 MB/ }]);
  });
});
