// Input shapes of the wishlist's server actions: ids only (what a heart or a list row knows).
import { z } from "zod";
import { idSchema } from "@/lib/ids";

export const MAX_WISHLIST_ITEMS = 100;

export const wishlistProductInput = z.object({
  productId: idSchema({ missing: "Missing product.", invalid: "Unknown product." }),
  /** The variant chosen on the product page; absent from a listing. */
  variantId: idSchema({ invalid: "Unknown option." }).optional(),
});
export const wishlistItemInput = z.object({
  productId: idSchema({ missing: "Missing product.", invalid: "Unknown product." }),
});

export type WishlistProductInput = z.output<typeof wishlistProductInput>;
