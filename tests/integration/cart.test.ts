import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import {
  addToCart,
  getCartView,
  updateLineQuantity,
  acknowledgePriceChanges,
  deleteExpiredCarts,
  getShopperCart,
} from "@/lib/cart/cart";
import { productsInStock } from "@/lib/catalog/live-stock";
import { addToCartInput, updateLineInput } from "@/lib/cart/schemas";
import { UserError } from "@/lib/errors";

let db: TestDatabase;
let variantId: string;
let otherVariantId: string;
let draftVariantId: string;
let productId: string;
let draftId: string;
let soldOutId: string;

async function expectUserError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe(code);
}

beforeAll(async () => {
  db = await createTestDatabase("cart");
  const { prisma } = db;
  const category = await prisma.category.create({ data: { slug: "tees", name: "Tees" } });
  const location = await prisma.location.create({ data: { code: "WH-1", name: "Warehouse" } });
  const product = await prisma.product.create({
    data: { slug: "tee", title: "Tee", categoryId: category.id, status: "ACTIVE" },
  });
  const draft = await prisma.product.create({ data: { slug: "draft", title: "Draft", categoryId: category.id } });
  const make = async (productId: string, sku: string, onHand: number) => {
    const variant = await prisma.variant.create({ data: { productId, sku, priceCents: 2500 } });
    await prisma.inventoryLevel.create({ data: { variantId: variant.id, locationId: location.id, onHand } });
    return variant.id;
  };
  variantId = await make(product.id, "TEE-M", 5);
  otherVariantId = await make(product.id, "TEE-L", 0);
  draftVariantId = await make(draft.id, "DRAFT-1", 10);
  const soldOut = await prisma.product.create({
    data: { slug: "sold-out", title: "Sold out", categoryId: category.id, status: "ACTIVE" },
  });
  await make(soldOut.id, "SOLD-1", 0);
  productId = product.id;
  draftId = draft.id;
  soldOutId = soldOut.id;
});

afterAll(async () => {
  await db?.drop();
});

describe("cart", () => {
  it("creates a cart on first add and merges repeated adds into one line", async () => {
    const { cartId } = await addToCart(db.prisma, null, { variantId, quantity: 2 });
    await addToCart(db.prisma, cartId, { variantId, quantity: 1 });
    const view = await getCartView(db.prisma, cartId);
    expect(view?.lines).toHaveLength(1);
    expect(view?.lines[0]?.quantity).toBe(3);
    expect(view?.subtotalCents).toBe(7500);
    expect(view?.itemCount).toBe(3);
  });

  it("refuses more than is available, out-of-stock and inactive variants, writing nothing", async () => {
    const { cartId } = await addToCart(db.prisma, null, { variantId, quantity: 1 });
    await expectUserError(addToCart(db.prisma, cartId, { variantId, quantity: 5 }), "insufficient_stock");
    await expectUserError(addToCart(db.prisma, cartId, { variantId: otherVariantId, quantity: 1 }), "out_of_stock");
    await expectUserError(
      addToCart(db.prisma, cartId, { variantId: draftVariantId, quantity: 1 }),
      "variant_unavailable",
    );
    await expectUserError(addToCart(db.prisma, cartId, { variantId: "nope", quantity: 1 }), "variant_unavailable");
    const view = await getCartView(db.prisma, cartId);
    expect(view?.lines.map((line) => line.quantity)).toEqual([1]);
  });

  it.each([
    [{ variantId: "v", quantity: 0 }, "quantity", "Quantity must be at least 1."],
    [{ variantId: "v", quantity: -1 }, "quantity", "Quantity must be at least 1."],
    [{ variantId: "v", quantity: 1.5 }, "quantity", "Quantity must be a whole number."],
    [{ variantId: "v", quantity: 100 }, "quantity", "You can buy at most 99 of an item."],
    [{ variantId: "v", quantity: "1e9" }, "quantity", "You can buy at most 99 of an item."],
    [{ variantId: "", quantity: 1 }, "variantId", "Missing id."],
    [{ variantId: "x".repeat(65), quantity: 1 }, "variantId", "Invalid id."],
    [{ variantId: "v'; DROP TABLE", quantity: 1 }, "variantId", "Invalid id."],
  ])("rejects bad input %j with its field's message", (input, field, message) => {
    const parsed = addToCartInput.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: [field], message });
  });

  it("updates and removes only lines of the caller's cart", async () => {
    const mine = await addToCart(db.prisma, null, { variantId, quantity: 2 });
    const theirs = await addToCart(db.prisma, null, { variantId, quantity: 1 });
    const theirLine = (await getCartView(db.prisma, theirs.cartId))!.lines[0]!;
    await expectUserError(
      updateLineQuantity(db.prisma, mine.cartId, { lineId: theirLine.id, quantity: 0 }),
      "line_not_found",
    );
    expect((await getCartView(db.prisma, theirs.cartId))?.lines).toHaveLength(1);

    const myLine = (await getCartView(db.prisma, mine.cartId))!.lines[0]!;
    await updateLineQuantity(db.prisma, mine.cartId, { lineId: myLine.id, quantity: 1 });
    expect((await getCartView(db.prisma, mine.cartId))?.lines[0]?.quantity).toBe(1);
    await updateLineQuantity(db.prisma, mine.cartId, { lineId: myLine.id, quantity: 0 });
    expect((await getCartView(db.prisma, mine.cartId))?.lines).toHaveLength(0);
    expect(updateLineInput.safeParse({ lineId: myLine.id, quantity: -2 }).success).toBe(false);
  });

  it("reports a price change since the line was added until the shopper acknowledges it", async () => {
    const { cartId } = await addToCart(db.prisma, null, { variantId, quantity: 1 });
    await db.prisma.variant.update({ where: { id: variantId }, data: { priceCents: 2700 } });
    let view = await getCartView(db.prisma, cartId);
    expect(view?.hasPriceChanges).toBe(true);
    expect(view?.lines[0]).toMatchObject({ unitPriceCents: 2700, previousUnitPriceCents: 2500, lineTotalCents: 2700 });
    await acknowledgePriceChanges(db.prisma, cartId);
    view = await getCartView(db.prisma, cartId);
    expect(view?.hasPriceChanges).toBe(false);
    await db.prisma.variant.update({ where: { id: variantId }, data: { priceCents: 2500 } });
  });

  it("flags lines whose stock ran out after they were added", async () => {
    const { cartId } = await addToCart(db.prisma, null, { variantId, quantity: 3 });
    await db.prisma.inventoryLevel.updateMany({ where: { variantId }, data: { reserved: 4 } });
    const view = await getCartView(db.prisma, cartId);
    expect(view?.lines[0]).toMatchObject({ problem: "insufficient_stock", available: 1, maxQuantity: 1 });
    expect(view?.hasProblems).toBe(true);
    await db.prisma.inventoryLevel.updateMany({ where: { variantId }, data: { reserved: 0 } });
  });

  it("forgets expired carts", async () => {
    const { cartId } = await addToCart(db.prisma, null, { variantId, quantity: 1 });
    await db.prisma.cart.update({ where: { id: cartId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getCartView(db.prisma, cartId)).toBeNull();
    expect(await deleteExpiredCarts(db.prisma)).toBeGreaterThanOrEqual(1);
    expect(await db.prisma.cart.findUnique({ where: { id: cartId } })).toBeNull();
  });

  it("gives the shopper's browser the cart without its id (the cookie's secret), and null without a cart", async () => {
    const { cartId } = await addToCart(db.prisma, null, { variantId, quantity: 2 });
    const shopper = await getShopperCart(db.prisma, cartId);
    const { id, ...view } = (await getCartView(db.prisma, cartId))!;
    expect(id).toBe(cartId);
    expect(shopper).toEqual(view);
    expect(shopper).not.toHaveProperty("id");
    expect(JSON.stringify(shopper)).not.toContain(cartId);
    expect(await getShopperCart(db.prisma, null)).toBeNull();
    expect(await getShopperCart(db.prisma, "no-such-cart")).toBeNull();
  });
});

describe("live stock of listed products", () => {
  it("says which products can be bought now: sold-out, draft and unknown products cannot", async () => {
    expect(await productsInStock(db.prisma, [productId, soldOutId, draftId, "unknown", productId])).toEqual({
      [productId]: true,
      [soldOutId]: false,
      [draftId]: false,
      unknown: false,
    });
  });

  it("follows reservations at once (nothing cached)", async () => {
    await db.prisma.inventoryLevel.updateMany({ where: { variantId }, data: { reserved: 5 } });
    expect(await productsInStock(db.prisma, [productId])).toEqual({ [productId]: false });
    await db.prisma.inventoryLevel.updateMany({ where: { variantId }, data: { reserved: 0 } });
    expect(await productsInStock(db.prisma, [productId])).toEqual({ [productId]: true });
  });
});
