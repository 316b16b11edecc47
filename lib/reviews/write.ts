// A shopper's own review: write one per product, edit it, delete it. The account must have confirmed its
// email (lib/auth/email-verification.ts). "Verified buyer" is computed on every save from the account's
// orders: a paid order, nothing refunded, that contains the product (see isVerifiedBuyer), and again when an
// order's standing changes later (./verified.ts). Whether a saved review goes live at once or waits for a
// moderator is the store's setting (./settings.ts); a review a moderator hid stays hidden when its author
// edits it.
//
// Every change that adds, removes or alters a published review recomputes the product's denormalised
// rating (lib/catalog/aggregates.ts) and queues its search document (the rating facet) through the outbox,
// in the same transaction as the review itself. The caller expires the product's cached pages after the
// commit (lib/catalog/admin/revalidate.ts).
import type { Db } from "@/lib/db";
import { runTransaction, type Tx } from "@/lib/db/transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ReviewStatus } from "@/lib/generated/prisma/enums";
import { UserError } from "@/lib/errors";
import { isEmailVerified } from "@/lib/auth/email-verification";
import { enqueueProductReindex } from "@/lib/outbox/search-reindex";
import { refreshProductAggregates } from "@/lib/catalog/aggregates";
import type { ReviewInput } from "./input";
import { readReviewSettings } from "./settings";

export const UNVERIFIED_EMAIL_MESSAGE =
  "Confirm your email address before writing a review: follow the link we emailed you, or resend it from the banner.";
export const PRODUCT_GONE_MESSAGE = "This product no longer exists.";

/** The order states in which the goods were paid for and the order stands (not cancelled or refunded). */
const PAID_ORDER_STATUSES = ["PAID", "PARTIALLY_FULFILLED", "FULFILLED", "DELIVERED"] as const;

/**
 * Whether the account bought the product: one of its orders (placed signed in) is paid in full with
 * nothing refunded (a partial refund counts as refunded: it cannot say which line it was for) and has a
 * line of the product.
 */
export async function isVerifiedBuyer(db: Db | Tx, userId: string, productId: string): Promise<boolean> {
  const order = await db.order.findFirst({
    where: {
      userId,
      paymentStatus: "PAID",
      status: { in: [...PAID_ORDER_STATUSES] },
      lines: { some: { productId } },
    },
    select: { id: true },
  });
  return order !== null;
}

/** "Grace Hopper" -> "Grace H."; an account without a name shows as "Customer" (never its email). */
export function reviewAuthorName(name: string | null): string {
  const words = (name ?? "").trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "Customer";
  const first = Array.from(words[0]!).slice(0, 40).join("");
  const last = words.length > 1 ? ` ${Array.from(words[words.length - 1]!)[0]!.toUpperCase()}.` : "";
  return `${first}${last}`;
}

/**
 * After a review of `productId` changed from `before` to `after` (null: absent), in the same transaction:
 * when a published review is involved, the product's rating and count are recomputed and its search
 * document is queued. Returns whether anything shoppers see changed.
 */
export async function applyReviewChange(
  tx: Tx,
  productId: string,
  before: ReviewStatus | null,
  after: ReviewStatus | null,
  contentChanged = false,
): Promise<boolean> {
  const visible = before === "PUBLISHED" || after === "PUBLISHED";
  if (!visible || (before === after && !contentChanged)) return false;
  await refreshProductAggregates(tx, [productId]);
  await enqueueProductReindex(tx, productId);
  return true;
}

export interface OwnReview {
  id: string;
  rating: number;
  title: string;
  body: string;
  status: ReviewStatus;
  verified: boolean;
  updatedAt: Date;
}

/** The account's review of a product, if it wrote one. */
export async function findOwnReview(db: Db, userId: string, productId: string): Promise<OwnReview | null> {
  return db.review.findUnique({
    where: { productId_userId: { productId, userId } },
    select: { id: true, rating: true, title: true, body: true, status: true, verified: true, updatedAt: true },
  });
}

export interface SavedReview {
  id: string;
  slug: string;
  status: ReviewStatus;
  verified: boolean;
  created: boolean;
}

/** Writes the account's review of the product, or replaces its own. Throws UserError for every refusal. */
export async function saveReview(db: Db, userId: string, input: ReviewInput): Promise<SavedReview> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { name: true, emailVerified: true } });
  if (!user) throw new UserError("not_found", "Please sign in again.");
  if (!isEmailVerified(user)) throw new UserError("email_unverified", UNVERIFIED_EMAIL_MESSAGE);
  const product = await db.product.findFirst({ where: { slug: input.slug, status: "ACTIVE" }, select: { id: true } });
  if (!product) throw new UserError("not_found", PRODUCT_GONE_MESSAGE);
  const productId = product.id;
  const content = {
    rating: input.rating,
    title: input.title,
    body: input.body,
    authorName: reviewAuthorName(user.name),
  };
  try {
    return await runTransaction(db, async (tx) => {
      // One after the other: a transaction is one connection.
      const settings = await readReviewSettings(tx);
      const verified = await isVerifiedBuyer(tx, userId, productId);
      const existing = await tx.review.findUnique({
        where: { productId_userId: { productId, userId } },
        select: { id: true, status: true },
      });
      const fresh: ReviewStatus = settings.requireApproval ? "PENDING" : "PUBLISHED";
      const status: ReviewStatus = existing?.status === "HIDDEN" ? "HIDDEN" : fresh;
      const review = existing
        ? await tx.review.update({
            where: { id: existing.id },
            data: { ...content, verified, status },
            select: { id: true },
          })
        : await tx.review.create({ data: { ...content, verified, status, productId, userId }, select: { id: true } });
      await applyReviewChange(tx, productId, existing?.status ?? null, status, true);
      return { id: review.id, slug: input.slug, status, verified, created: !existing };
    });
  } catch (error) {
    // Two submissions of a first review at once: the second one's INSERT meets the unique index.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new UserError("conflict", "You have already reviewed this product. Reload the page to edit your review.");
    }
    throw error;
  }
}

/** Deletes the account's review of the product (by its slug). Throws UserError("not_found") without one. */
export async function deleteOwnReview(db: Db, userId: string, slug: string): Promise<{ slug: string }> {
  const product = await db.product.findUnique({ where: { slug }, select: { id: true } });
  if (!product) throw new UserError("not_found", PRODUCT_GONE_MESSAGE);
  return runTransaction(db, async (tx) => {
    const [review] = await tx.review.findMany({
      where: { productId: product.id, userId },
      select: { id: true, status: true },
    });
    const { count } = review ? await tx.review.deleteMany({ where: { id: review.id } }) : { count: 0 };
    if (!review || count !== 1) throw new UserError("not_found", "You have no review of this product to delete.");
    await applyReviewChange(tx, product.id, review.status, null);
    return { slug };
  });
}
