// The wishlist: products a shopper saved for later (the hearts of product cards and pages), with the live
// price and stock of each and "move to cart". A signed-in shopper's is their account's one wishlist; a
// guest's is a row named by an unguessable id in an httpOnly cookie (./cookies.ts), like the guest cart,
// which expires when left alone and joins the account's at sign-in (./merge.ts). The browser sends product
// ids only; whose wishlist it is comes from the session or the cookie, never from the request.
import type { Db } from "@/lib/db";
import { addToCart } from "@/lib/cart/cart";
import { shopperProductSelect } from "@/lib/catalog/selects";
import { UserError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import { getAvailability } from "@/lib/inventory/availability";
import { MAX_WISHLIST_ITEMS, type WishlistProductInput } from "./schemas";

export const GUEST_WISHLIST_TTL_DAYS = 90;

/** Whose wishlist: the signed-in account's (the cookie is then ignored), else the guest cookie's. */
export interface WishlistOwner {
  userId: string | null;
  guestWishlistId: string | undefined;
}

/** What GET /api/wishlist answers: the hearts' state and the email a "notify me" form starts with. */
export interface WishlistStateResponse {
  productIds: string[];
  email: string | null;
}

export interface WishlistItemView {
  productId: string;
  slug: string;
  title: string;
  variantTitle: string | null;
  imageUrl: string | null;
  imageAlt: string;
  /** The saved variant's price, else the lowest of the product's variants. */
  priceCents: number;
  currency: string;
  /** Units that can be bought now: of the saved variant, else of all the product's variants together. */
  available: number;
  /** The variant "move to cart" adds: the saved one, or the only one; null when the shopper must choose. */
  cartVariantId: string | null;
  /** Taken off sale (draft or archived) since it was saved. */
  unavailable: boolean;
}

function guestExpiry(now: Date): Date {
  return new Date(now.getTime() + GUEST_WISHLIST_TTL_DAYS * 24 * 60 * 60 * 1000);
}

/** The owner's wishlist id, or null when they have none (a guest cookie naming an account's is ignored). */
export async function findWishlistId(db: Db, owner: WishlistOwner, now = new Date()): Promise<string | null> {
  if (owner.userId) {
    const own = await db.wishlist.findUnique({ where: { userId: owner.userId }, select: { id: true } });
    return own?.id ?? null;
  }
  if (!owner.guestWishlistId) return null;
  const guest = await db.wishlist.findFirst({
    where: { id: owner.guestWishlistId, userId: null, expiresAt: { gt: now } },
    select: { id: true },
  });
  return guest?.id ?? null;
}

/** The account's wishlist id, created on first use (one per account, also under concurrent requests). */
export async function accountWishlistId(db: Db, userId: string, now = new Date()): Promise<string> {
  const [row] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "Wishlist" (id, "userId", "createdAt", "updatedAt")
    VALUES (${newId()}, ${userId}, ${now}::timestamp, ${now}::timestamp)
    ON CONFLICT ("userId") DO UPDATE SET "updatedAt" = EXCLUDED."updatedAt"
    RETURNING id`;
  if (!row) throw new Error("the account's wishlist could not be created");
  return row.id;
}

/** The saved product ids (newest first), for the hearts. */
export async function listWishlistProductIds(db: Db, owner: WishlistOwner, now = new Date()): Promise<string[]> {
  const wishlistId = await findWishlistId(db, owner, now);
  if (!wishlistId) return [];
  const items = await db.wishlistItem.findMany({
    where: { wishlistId },
    orderBy: { createdAt: "desc" },
    select: { productId: true },
  });
  return items.map((item) => item.productId);
}

/**
 * Saves a product (with the chosen variant, if any; saving again updates it). Returns the wishlist id, for
 * a guest's cookie. Refused: a product not for sale, a variant of another product, a full wishlist.
 */
export async function addToWishlist(
  db: Db,
  owner: WishlistOwner,
  input: WishlistProductInput,
  now = new Date(),
): Promise<{ wishlistId: string }> {
  const product = await db.product.findUnique({
    where: { id: input.productId },
    select: { id: true, status: true, variants: { where: { id: input.variantId ?? "" }, select: { id: true } } },
  });
  if (!product || product.status !== "ACTIVE")
    throw new UserError("product_unavailable", "This product is not available.");
  if (input.variantId && product.variants.length === 0) throw new UserError("unknown_variant", "Unknown option.");

  const existingId = await findWishlistId(db, owner, now);
  const wishlistId =
    existingId ??
    (owner.userId
      ? await accountWishlistId(db, owner.userId, now)
      : (await db.wishlist.create({ data: { expiresAt: guestExpiry(now) }, select: { id: true } })).id);
  return db.$transaction(async (tx) => {
    const count = await tx.wishlistItem.count({ where: { wishlistId } });
    const saved = await tx.wishlistItem.findUnique({
      where: { wishlistId_productId: { wishlistId, productId: product.id } },
      select: { id: true },
    });
    if (!saved && count >= MAX_WISHLIST_ITEMS)
      throw new UserError("wishlist_full", `A wishlist holds at most ${MAX_WISHLIST_ITEMS} products.`);
    await tx.wishlistItem.upsert({
      where: { wishlistId_productId: { wishlistId, productId: product.id } },
      create: { wishlistId, productId: product.id, variantId: input.variantId ?? null },
      update: input.variantId ? { variantId: input.variantId } : {},
    });
    if (!owner.userId) await tx.wishlist.update({ where: { id: wishlistId }, data: { expiresAt: guestExpiry(now) } });
    return { wishlistId };
  });
}

/** Removes a product from the owner's wishlist; a product not in it changes nothing. */
export async function removeFromWishlist(db: Db, owner: WishlistOwner, productId: string, now = new Date()) {
  const wishlistId = await findWishlistId(db, owner, now);
  if (!wishlistId) return;
  await db.wishlistItem.deleteMany({ where: { wishlistId, productId } });
}

/** The wishlist as its page shows it: live prices and stock, newest first. */
export async function getWishlistView(db: Db, owner: WishlistOwner, now = new Date()): Promise<WishlistItemView[]> {
  const wishlistId = await findWishlistId(db, owner, now);
  if (!wishlistId) return [];
  const items = await db.wishlistItem.findMany({
    where: { wishlistId },
    orderBy: { createdAt: "desc" },
    select: {
      variantId: true,
      product: {
        select: {
          ...shopperProductSelect,
          variants: {
            orderBy: { position: "asc" },
            select: { id: true, title: true, priceCents: true, currency: true },
          },
        },
      },
    },
  });
  const availability = await getAvailability(
    db,
    items.flatMap((item) => item.product.variants.map((variant) => variant.id)),
    now,
  );
  return items.flatMap((item): WishlistItemView[] => {
    const { product } = item;
    const saved = product.variants.find((variant) => variant.id === item.variantId) ?? null;
    const priced = saved ? [saved] : product.variants;
    const cheapest = priced.reduce<(typeof priced)[number] | null>(
      (low, variant) => (!low || variant.priceCents < low.priceCents ? variant : low),
      null,
    );
    if (!cheapest) return [];
    const unavailable = product.status !== "ACTIVE";
    const only = product.variants.length === 1 ? product.variants[0] : undefined;
    return [
      {
        productId: product.id,
        slug: product.slug,
        title: product.title,
        variantTitle: saved?.title || null,
        imageUrl: product.images[0]?.url ?? null,
        imageAlt: product.images[0]?.alt ?? "",
        priceCents: cheapest.priceCents,
        currency: cheapest.currency,
        available: unavailable ? 0 : priced.reduce((sum, variant) => sum + (availability[variant.id] ?? 0), 0),
        cartVariantId: (saved ?? only)?.id ?? null,
        unavailable,
      },
    ];
  });
}

/**
 * "Move to cart": one unit of the saved variant goes into the shopper's cart through the cart's own
 * writer (lib/cart addToCart: its price, stock and limit checks), then the product leaves the wishlist.
 * Returns the cart id (for the cart cookie). A refused add (sold out) leaves the wishlist as it was.
 */
export async function moveWishlistItemToCart(
  db: Db,
  owner: WishlistOwner,
  productId: string,
  cartId: string | undefined,
  now = new Date(),
): Promise<{ cartId: string }> {
  const wishlistId = await findWishlistId(db, owner, now);
  const item = wishlistId
    ? await db.wishlistItem.findUnique({
        where: { wishlistId_productId: { wishlistId, productId } },
        select: { id: true, variantId: true, product: { select: { variants: { select: { id: true }, take: 2 } } } },
      })
    : null;
  if (!item) throw new UserError("not_in_wishlist", "This product is no longer in your wishlist.");
  const variantId = item.variantId ?? (item.product.variants.length === 1 ? item.product.variants[0]?.id : undefined);
  if (!variantId) throw new UserError("choose_variant", "Choose an option on the product page first.");
  const added = await addToCart(db, cartId, { variantId, quantity: 1 }, now, owner.userId);
  await db.wishlistItem.deleteMany({ where: { id: item.id } });
  return added;
}

/** Deletes guest wishlists idle past their expiry (the worker's daily cleanup, beside expired carts). */
export async function deleteExpiredWishlists(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.wishlist.deleteMany({ where: { userId: null, expiresAt: { lte: now } } });
  return count;
}
