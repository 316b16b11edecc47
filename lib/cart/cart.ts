// The cart: persisted in PostgreSQL, identified by an unguessable id kept in an httpOnly cookie
// (lib/cart/cookies.ts). Plain functions over a Db so they run in server actions and in tests alike.
//
// Prices are always the database's current ones. Each line remembers the unit price it was added at, so
// the cart can tell the shopper when a price changed before they pay; checkout re-prices from the
// database anyway (lib/checkout). Quantities are checked against live availability here for a helpful
// message; the guarantee against overselling is the guarded reservation at checkout, not this check.
import type { ActionResult } from "@/lib/actions/result";
import type { Db } from "@/lib/db";
import { shopperProductSelect } from "@/lib/catalog/selects";
import { ProductStatus } from "@/lib/generated/prisma/enums";
import { getAvailability } from "@/lib/inventory/availability";
import { UserError } from "@/lib/errors";
import { cartDiscounts, type CartDiscount } from "@/lib/promotions/cart";
import { MAX_CART_LINES, MAX_LINE_QUANTITY } from "./limits";
import type { AddToCartInput, UpdateLineInput } from "./schemas";

export const CART_TTL_DAYS = 30;

export type CartLineProblem = "unavailable" | "out_of_stock" | "insufficient_stock";

export interface CartLineView {
  id: string;
  variantId: string;
  productSlug: string;
  title: string;
  variantTitle: string;
  sku: string;
  imageUrl: string | null;
  quantity: number;
  unitPriceCents: number;
  /** Set when the price is not the one the shopper saw when adding the line. */
  previousUnitPriceCents: number | null;
  lineTotalCents: number;
  available: number;
  /** The most this line may hold right now (availability, capped at 99). */
  maxQuantity: number;
  problem: CartLineProblem | null;
}

export interface CartView {
  id: string;
  currency: string;
  lines: CartLineView[];
  itemCount: number;
  subtotalCents: number;
  /** The automatic promotions the lines get now, by name (checkout prices them again). */
  discounts: CartDiscount[];
  hasPriceChanges: boolean;
  hasProblems: boolean;
}

/**
 * The cart as its shopper's browser sees it (the header's count, the drawer, the cart page): the view
 * without the cart's id, which is the secret the httpOnly cookie keeps out of scripts.
 */
export type ShopperCart = Omit<CartView, "id">;

/** What GET /api/cart answers. */
export interface CartResponse {
  cart: ShopperCart | null;
}

/** What every cart action answers: the cart as it is after the change (null when there is none). */
export type CartActionResult = ActionResult<{ cart: ShopperCart | null }>;

function expiry(now = new Date()): Date {
  return new Date(now.getTime() + CART_TTL_DAYS * 24 * 60 * 60 * 1000);
}

/** The cart for an id from the cookie, or null when there is none (unknown, expired or deleted). */
export async function findCart(db: Db, cartId: string | undefined | null, now = new Date()) {
  if (!cartId) return null;
  return db.cart.findFirst({ where: { id: cartId, expiresAt: { gt: now } } });
}

export async function getCartView(
  db: Db,
  cartId: string | undefined | null,
  now = new Date(),
): Promise<CartView | null> {
  const cart = await findCart(db, cartId, now);
  if (!cart) return null;
  const lines = await db.cartLine.findMany({
    where: { cartId: cart.id },
    orderBy: { createdAt: "asc" },
    include: {
      variant: {
        include: {
          product: { select: { ...shopperProductSelect, categoryId: true, brandId: true } },
        },
      },
    },
  });
  const availability = await getAvailability(
    db,
    lines.map((line) => line.variantId),
    now,
  );
  const views = lines.map((line): CartLineView => {
    const { variant } = line;
    const sellable = variant.product.status === ProductStatus.ACTIVE;
    const available = sellable ? (availability[line.variantId] ?? 0) : 0;
    const problem: CartLineProblem | null = !sellable
      ? "unavailable"
      : available === 0
        ? "out_of_stock"
        : line.quantity > available
          ? "insufficient_stock"
          : null;
    return {
      id: line.id,
      variantId: line.variantId,
      productSlug: variant.product.slug,
      title: variant.product.title,
      variantTitle: variant.title,
      sku: variant.sku,
      imageUrl: variant.product.images[0]?.url ?? null,
      quantity: line.quantity,
      unitPriceCents: variant.priceCents,
      previousUnitPriceCents: line.unitPriceCentsAtAdd !== variant.priceCents ? line.unitPriceCentsAtAdd : null,
      lineTotalCents: variant.priceCents * line.quantity,
      available,
      maxQuantity: Math.min(MAX_LINE_QUANTITY, available),
      problem,
    };
  });
  const buyable = lines.filter((line) => line.variant.product.status === ProductStatus.ACTIVE);
  const discounts = await cartDiscounts(db, {
    currency: cart.currency,
    hasCoupon: cart.couponId !== null,
    now,
    lines: buyable.map((line) => ({
      productId: line.variant.product.id,
      categoryId: line.variant.product.categoryId,
      brandId: line.variant.product.brandId,
      unitPriceCents: line.variant.priceCents,
      quantity: line.quantity,
    })),
  });
  return {
    id: cart.id,
    currency: cart.currency,
    lines: views,
    discounts,
    itemCount: views.reduce((sum, line) => sum + line.quantity, 0),
    // Lines that cannot be bought do not count towards what the shopper will pay.
    subtotalCents: views.reduce((sum, line) => sum + (line.problem === "unavailable" ? 0 : line.lineTotalCents), 0),
    hasPriceChanges: views.some((line) => line.previousUnitPriceCents !== null),
    hasProblems: views.some((line) => line.problem !== null),
  };
}

/** The shopper's view of the cart with this id (null when there is none): the one cart reader of the storefront. */
export async function getShopperCart(
  db: Db,
  cartId: string | undefined | null,
  now = new Date(),
): Promise<ShopperCart | null> {
  const view = await getCartView(db, cartId, now);
  if (!view) return null;
  const { id: _id, ...cart } = view;
  return cart;
}

async function sellableVariant(db: Db, variantId: string) {
  const variant = await db.variant.findUnique({
    where: { id: variantId },
    select: { id: true, priceCents: true, currency: true, product: { select: { status: true, title: true } } },
  });
  if (!variant || variant.product.status !== ProductStatus.ACTIVE) {
    throw new UserError("variant_unavailable", "This item is no longer available.");
  }
  return variant;
}

function stockError(available: number, title: string): UserError {
  return available === 0
    ? new UserError("out_of_stock", `${title} is out of stock.`, { available })
    : new UserError("insufficient_stock", `Only ${available} of ${title} available.`, { available });
}

/**
 * Adds units of a variant, creating the cart when needed (owned by `userId` when the shopper is signed in,
 * so it follows the account: lib/cart/merge.ts). Returns the cart id (for the cookie).
 */
export async function addToCart(
  db: Db,
  cartId: string | null | undefined,
  input: AddToCartInput,
  now = new Date(),
  userId: string | null = null,
) {
  const variant = await sellableVariant(db, input.variantId);
  const existingCart = await findCart(db, cartId, now);
  if (existingCart && existingCart.currency !== variant.currency) {
    throw new UserError("currency_mismatch", "This item is sold in another currency than your cart.");
  }
  const existingLine = existingCart
    ? await db.cartLine.findUnique({ where: { cartId_variantId: { cartId: existingCart.id, variantId: variant.id } } })
    : null;
  const quantity = (existingLine?.quantity ?? 0) + input.quantity;
  if (quantity > MAX_LINE_QUANTITY) {
    throw new UserError("line_quantity_limit", `You can buy at most ${MAX_LINE_QUANTITY} of an item.`);
  }
  const available = await getAvailability(db, [variant.id], now).then((map) => map[variant.id] ?? 0);
  if (quantity > available) throw stockError(available, variant.product.title);

  return db.$transaction(async (tx) => {
    const cart = existingCart
      ? await tx.cart.update({ where: { id: existingCart.id }, data: { expiresAt: expiry(now), checkoutToken: null } })
      : await tx.cart.create({ data: { currency: variant.currency, expiresAt: expiry(now), userId } });
    if (!existingLine) {
      const lineCount = await tx.cartLine.count({ where: { cartId: cart.id } });
      if (lineCount >= MAX_CART_LINES) {
        throw new UserError("cart_line_limit", `A cart holds at most ${MAX_CART_LINES} different items.`);
      }
    }
    // Keep the price the shopper saw first: a later price change is then reported, not hidden.
    await tx.cartLine.upsert({
      where: { cartId_variantId: { cartId: cart.id, variantId: variant.id } },
      create: { cartId: cart.id, variantId: variant.id, quantity, unitPriceCentsAtAdd: variant.priceCents },
      update: { quantity },
    });
    return { cartId: cart.id };
  });
}

/** Sets a line's quantity (0 removes it). The line must belong to this cart: a forged id changes nothing. */
export async function updateLineQuantity(
  db: Db,
  cartId: string | null | undefined,
  input: UpdateLineInput,
  now = new Date(),
) {
  const cart = await findCart(db, cartId, now);
  const line = cart
    ? await db.cartLine.findFirst({
        where: { id: input.lineId, cartId: cart.id },
        include: { variant: { include: { product: { select: { title: true } } } } },
      })
    : null;
  if (!cart || !line) throw new UserError("line_not_found", "This item is no longer in your cart.");
  if (input.quantity === 0) {
    await db.cartLine.delete({ where: { id: line.id } });
  } else {
    // Lowering a quantity is always allowed (it is how a shopper fixes a stock problem).
    if (input.quantity > line.quantity) {
      const available = await getAvailability(db, [line.variantId], now).then((map) => map[line.variantId] ?? 0);
      if (input.quantity > available) throw stockError(available, line.variant.product.title);
    }
    // A quantity change is the shopper acknowledging the current price.
    await db.cartLine.update({
      where: { id: line.id },
      data: { quantity: input.quantity, unitPriceCentsAtAdd: line.variant.priceCents },
    });
  }
  // A changed cart is a new checkout attempt: the next submit must not find the order of the old contents.
  await db.cart.update({ where: { id: cart.id }, data: { expiresAt: expiry(now), checkoutToken: null } });
}

export async function removeLine(db: Db, cartId: string | null | undefined, lineId: string, now = new Date()) {
  await updateLineQuantity(db, cartId, { lineId, quantity: 0 }, now);
}

/** Marks the current prices as seen (the "I understand the new price" button). */
export async function acknowledgePriceChanges(db: Db, cartId: string | null | undefined, now = new Date()) {
  const cart = await findCart(db, cartId, now);
  if (!cart) return;
  await db.$executeRaw`
    UPDATE "CartLine" l SET "unitPriceCentsAtAdd" = v."priceCents", "updatedAt" = now()
      FROM "Variant" v
     WHERE l."variantId" = v.id AND l."cartId" = ${cart.id} AND l."unitPriceCentsAtAdd" <> v."priceCents"`;
}

/** Deletes carts idle past their expiry (the worker runs this daily). */
export async function deleteExpiredCarts(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.cart.deleteMany({ where: { expiresAt: { lte: now }, orders: { none: {} } } });
  return count;
}
