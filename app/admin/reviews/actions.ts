"use server";
// Review moderation on /admin/reviews: staff approve or hide a review, administrators choose whether
// reviews wait for approval. Thin: the kit authorizes and parses with zod; lib/reviews decides and audits;
// the product's cached pages are expired after the commit and this page re-rendered.
import { refresh } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { saved } from "@/lib/actions/saved";
import { prisma } from "@/lib/db";
import { revalidateProductPages } from "@/lib/catalog/admin/revalidate";
import { moderateReviewInput, reviewSettingsInput } from "@/lib/reviews/input";
import { moderateReview } from "@/lib/reviews/moderation";
import { updateReviewSettings } from "@/lib/reviews/settings";

export const moderateReviewAction = defineAction(
  { role: "staff", input: moderateReviewInput },
  async ({ input, user }) => {
    const result = await moderateReview(prisma, user, input);
    if (result.changed) revalidateProductPages({ slug: result.slug });
    refresh();
    return { status: result.status };
  },
);

export const updateReviewSettingsAction = defineAction(
  { role: "admin", input: reviewSettingsInput },
  async ({ input, user }) => {
    await updateReviewSettings(prisma, user, input);
    refresh();
    return saved({});
  },
);
