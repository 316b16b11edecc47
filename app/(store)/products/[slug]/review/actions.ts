"use server";
// A shopper's own review of a product (lib/reviews/write.ts): write or edit it, delete it. Signed-in
// customers only; the email confirmation, the product and the limits are checked by lib/reviews. Rate
// limited per account and per address. After the commit the product's cached pages are expired, so the
// review (when it went live) shows on the next visit.
import { headers } from "next/headers";
import { refresh } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { prisma } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { checkRateLimit, clientIp } from "@/lib/rate-limit";
import { revalidateProductPages } from "@/lib/catalog/admin/revalidate";
import { reviewInput, reviewProductInput } from "@/lib/reviews/input";
import { deleteOwnReview, saveReview } from "@/lib/reviews/write";

async function limitReviewWrites(email: string): Promise<void> {
  const limit = await checkRateLimit("reviewWrite", { ip: clientIp(await headers()), account: email });
  if (!limit.ok) throw new UserError("rate_limited", limit.message);
}

export const saveReviewAction = defineAction(
  { role: "customer", input: reviewInput, echo: ["rating", "title", "body"] },
  async ({ input, user }) => {
    await limitReviewWrites(user.email);
    const saved = await saveReview(prisma, user.id, input);
    revalidateProductPages({ slug: saved.slug });
    refresh();
    return { status: saved.status, verified: saved.verified, created: saved.created };
  },
);

export const deleteReviewAction = defineAction(
  { role: "customer", input: reviewProductInput },
  async ({ input, user }) => {
    await limitReviewWrites(user.email);
    const deleted = await deleteOwnReview(prisma, user.id, input.slug);
    revalidateProductPages({ slug: deleted.slug });
    refresh();
  },
);
