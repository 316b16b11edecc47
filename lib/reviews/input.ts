// What a review form may send, checked before anything is read or written: the limits here are also the
// database's CHECK constraints (migration 20261208103000_review_moderation). Reviews are plain text: they
// are stored as typed (line breaks kept) and always rendered as text, never as HTML, so "<b>" shows as
// "<b>". Control characters other than line breaks and tabs are refused (PostgreSQL refuses a NUL), and so
// is text that is not well-formed Unicode (a lone surrogate).
import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { isWellFormedSlug } from "@/lib/catalog/params";

export const REVIEW_TITLE_MAX = 120;
export const REVIEW_BODY_MAX = 5000;
export const REVIEW_BODY_MIN = 10;

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const productSlug = z
  .string({ error: "This product no longer exists." })
  .refine(isWellFormedSlug, { message: "This product no longer exists." });

function plainText(label: string, { min, max }: { min: number; max: number }) {
  return z
    .string({ error: `Enter ${label}.` })
    .transform((text) => text.replace(/\r\n?/g, "\n").trim())
    .refine((text) => text.isWellFormed() && !FORBIDDEN_CONTROLS.test(text), {
      message: `The ${label} contains characters that cannot be saved.`,
    })
    .refine((text) => text.length >= min, {
      message: min <= 1 ? `Enter ${label}.` : `Write at least ${min} characters in the ${label}.`,
    })
    .refine((text) => text.length <= max, { message: `Keep the ${label} to ${max} characters or fewer.` });
}

export const reviewRatingSchema = z
  .string({ error: "Choose a rating from 1 to 5 stars." })
  .trim()
  .regex(/^[1-5]$/, "Choose a rating from 1 to 5 stars.")
  .transform(Number);

/** The review form: which product (its slug, as in its URL), the stars, a title and the text. */
export const reviewInput = z.object({
  slug: productSlug,
  rating: reviewRatingSchema,
  title: plainText("title", { min: 1, max: REVIEW_TITLE_MAX }),
  body: plainText("review", { min: REVIEW_BODY_MIN, max: REVIEW_BODY_MAX }),
});
export type ReviewInput = z.output<typeof reviewInput>;

/** "Delete my review" of one product. */
export const reviewProductInput = z.object({
  slug: productSlug,
});

export const REVIEW_DECISIONS = ["approve", "hide"] as const;

/** A moderator's decision on one review. */
export const moderateReviewInput = z.object({
  reviewId: idSchema({ missing: "Choose a review.", invalid: "That review no longer exists." }),
  decision: z.enum(REVIEW_DECISIONS, { error: "Choose approve or hide." }),
});
export type ModerateReviewInput = z.output<typeof moderateReviewInput>;

/** The settings form: when reviews go live, one of two choices (an empty or forged form changes nothing). */
export const REVIEW_PUBLISHING = ["at-once", "after-approval"] as const;
export const reviewSettingsInput = z
  .object({
    publishing: z.enum(REVIEW_PUBLISHING, { error: "Choose when reviews go live." }),
  })
  .transform(({ publishing }) => ({ requireApproval: publishing === "after-approval" }));
export type ReviewSettingsValues = z.output<typeof reviewSettingsInput>;

/** /admin/reviews?status=&page=: anything unknown falls back to all reviews, first page. */
export const moderationListParams = z.object({
  status: z.enum(["PENDING", "PUBLISHED", "HIDDEN"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
