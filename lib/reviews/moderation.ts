// The moderation queue of /admin/reviews: every shopper's review, pending ones first, and a moderator's
// decision on one (approve: published; hide: hidden). Staff moderate; each decision is audited and, when
// it publishes or unpublishes a review, recomputes the product's rating and queues its search document in
// the same transaction (./write.ts applyReviewChange). Seeded reviews (no account) are listed too, so a
// moderator can hide any review shown on the store.
import type { Db } from "@/lib/db";
import { runTransaction } from "@/lib/db/transaction";
import type { ReviewStatus } from "@/lib/generated/prisma/enums";
import { writeAudit } from "@/lib/audit/log";
import { hasRole } from "@/lib/auth/roles";
import { UserError } from "@/lib/errors";
import type { ModerateReviewInput } from "./input";
import type { ReviewActor } from "./settings";
import { applyReviewChange } from "./write";

export const MODERATION_PAGE_SIZE = 25;
export const REVIEW_STATUSES = ["PENDING", "PUBLISHED", "HIDDEN"] as const satisfies readonly ReviewStatus[];

export interface ModerationRow {
  id: string;
  rating: number;
  title: string;
  body: string;
  authorName: string;
  authorEmail: string | null;
  verified: boolean;
  status: ReviewStatus;
  createdAt: Date;
  updatedAt: Date;
  product: { title: string; slug: string };
}

/**
 * A page of reviews for moderators: one status, or all of them with pending first (PostgreSQL orders an
 * enum by its declaration: PENDING, PUBLISHED, HIDDEN), newest first within a status.
 */
export async function listReviewsForModeration(
  db: Db,
  { status, page }: { status: ReviewStatus | null; page: number },
): Promise<{ rows: ModerationRow[]; total: number; pending: number }> {
  const where = status ? { status } : {};
  const [total, pending, rows] = await Promise.all([
    db.review.count({ where }),
    db.review.count({ where: { status: "PENDING" } }),
    db.review.findMany({
      where,
      orderBy: [{ status: "asc" }, { createdAt: "desc" }, { id: "asc" }],
      skip: (Math.max(1, page) - 1) * MODERATION_PAGE_SIZE,
      take: MODERATION_PAGE_SIZE,
      select: {
        id: true,
        rating: true,
        title: true,
        body: true,
        authorName: true,
        verified: true,
        status: true,
        createdAt: true,
        updatedAt: true,
        user: { select: { email: true } },
        product: { select: { title: true, slug: true } },
      },
    }),
  ]);
  return {
    total,
    pending,
    rows: rows.map(({ user, ...row }) => ({ ...row, authorEmail: user?.email ?? null })),
  };
}

const DECISION_STATUS: Record<ModerateReviewInput["decision"], ReviewStatus> = {
  approve: "PUBLISHED",
  hide: "HIDDEN",
};

/**
 * Approves or hides a review; staff only. Deciding what is already so changes nothing and writes no audit
 * entry. The update is conditional on the status read (checked by row count), so two moderators deciding
 * at once apply one after the other. Returns the product's slug, for the caller to expire its pages.
 */
export async function moderateReview(
  db: Db,
  actor: ReviewActor,
  input: ModerateReviewInput,
): Promise<{ slug: string; status: ReviewStatus; changed: boolean }> {
  if (!actor?.id || !hasRole(actor.role, "STAFF")) {
    throw new UserError("forbidden", "Only staff can moderate reviews.");
  }
  const to = DECISION_STATUS[input.decision];
  return runTransaction(db, async (tx) => {
    const review = await tx.review.findUnique({
      where: { id: input.reviewId },
      select: { id: true, status: true, productId: true, product: { select: { slug: true } } },
    });
    if (!review) throw new UserError("not_found", "That review no longer exists.");
    const from = review.status;
    if (from === to) return { slug: review.product.slug, status: to, changed: false };
    const { count } = await tx.review.updateMany({ where: { id: review.id, status: from }, data: { status: to } });
    if (count !== 1) throw new UserError("conflict", "Someone else changed this review just now. Reload the page.");
    await applyReviewChange(tx, review.productId, from, to);
    await writeAudit(tx, {
      actorId: actor.id,
      action: `review.${input.decision}`,
      entityType: "Review",
      entityId: review.id,
      data: { from, to, productId: review.productId },
    });
    return { slug: review.product.slug, status: to, changed: true };
  });
}
