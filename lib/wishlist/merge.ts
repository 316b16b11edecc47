// Signing in keeps what the shopper saved as a guest: the guest wishlist's products join the account's
// wishlist (a product in both is kept once, the account's entry winning), up to the item limit, and the
// guest row is deleted. Safe to run twice or concurrently: the insert skips products already there and
// the guest row is deleted by id.
import type { Db } from "@/lib/db";
import { MAX_WISHLIST_ITEMS } from "./schemas";
import { accountWishlistId } from "./wishlist";

/** Merges the cookie's guest wishlist into the account's; returns how many products joined. */
export async function adoptWishlistOnSignIn(
  db: Db,
  guestWishlistId: string | undefined,
  userId: string,
  now = new Date(),
): Promise<number> {
  if (!guestWishlistId) return 0;
  // Only a guest's own wishlist (a cookie naming an account's is not taken over), and not an expired one.
  const guest = await db.wishlist.findFirst({
    where: { id: guestWishlistId, userId: null, expiresAt: { gt: now } },
    select: { id: true },
  });
  if (!guest) return 0;
  const targetId = await accountWishlistId(db, userId, now);
  return db.$transaction(async (tx) => {
    const joined = await tx.$executeRaw`
      INSERT INTO "WishlistItem" (id, "wishlistId", "productId", "variantId", "createdAt")
      SELECT 'wi' || md5(${targetId} || g."productId"), ${targetId}, g."productId", g."variantId", g."createdAt"
      FROM "WishlistItem" g
      WHERE g."wishlistId" = ${guest.id}
      ORDER BY g."createdAt" DESC
      LIMIT GREATEST(0, ${MAX_WISHLIST_ITEMS}::int - (SELECT count(*) FROM "WishlistItem" WHERE "wishlistId" = ${targetId})::int)
      ON CONFLICT ("wishlistId", "productId") DO NOTHING`;
    await tx.wishlist.deleteMany({ where: { id: guest.id, userId: null } });
    return joined;
  });
}
