import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ReviewForm } from "@/components/product/reviews/review-form";
import { prisma } from "@/lib/db";
import { getSessionUser } from "@/lib/auth/session";
import { signInPath } from "@/lib/auth/guard";
import { REVIEW_BODY_MAX, REVIEW_BODY_MIN, REVIEW_TITLE_MAX } from "@/lib/reviews/input";
import { findOwnReview } from "@/lib/reviews/write";
import { EMPTY_CATALOG_PLACEHOLDER, ProductSubpageHeading, productOfRoute } from "../_lib/product-route";
import { deleteReviewAction, saveReviewAction } from "./actions";

// "Write a review" / "Edit your review" of one product: the per-visitor part of the product's reviews, on
// its own page so the product page stays one cached page for everyone. The product's header is read from
// the catalog cache; the account and its review are read per request (the Suspense below).

interface ReviewPageProps {
  params: Promise<{ slug: string }>;
}

export const metadata: Metadata = { title: "Your review", robots: { index: false } };

/** Nothing is prerendered per product (the page is per visitor); the placeholder satisfies the build. */
export function generateStaticParams(): { slug: string }[] {
  return [{ slug: EMPTY_CATALOG_PLACEHOLDER }];
}

const LIMITS = { titleMax: REVIEW_TITLE_MAX, bodyMin: REVIEW_BODY_MIN, bodyMax: REVIEW_BODY_MAX };

const STATUS_NOTE = {
  PUBLISHED: "Your review is on the product page.",
  PENDING: "Your review is waiting for the store's approval.",
  HIDDEN: "The store has hidden your review: it is not shown on the product page.",
} as const;

export default async function ReviewPage({ params }: ReviewPageProps) {
  // Checked before anything streams: an unknown, draft or archived product answers with HTTP 404.
  const product = await productOfRoute(params);
  if (!product) notFound();
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6 px-4 py-10">
      <ProductSubpageHeading product={product} title="Your review" />
      <Suspense fallback={<div className="h-96 animate-pulse rounded-md bg-zinc-100" aria-busy="true" />}>
        <ReviewEditor productId={product.id} slug={product.slug} title={product.title} />
      </Suspense>
    </div>
  );
}

async function ReviewEditor({ productId, slug, title }: { productId: string; slug: string; title: string }) {
  const user = await getSessionUser();
  if (!user) {
    return (
      <p className="text-zinc-700" data-testid="review-sign-in">
        <Link href={signInPath(`/products/${slug}/review`)} className="font-semibold underline">
          Sign in
        </Link>{" "}
        to write a review. Reviews are written by customers with a confirmed email address.
      </p>
    );
  }
  if (!user.emailVerified) {
    return (
      <p
        className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900"
        data-testid="review-unverified"
      >
        Confirm your email address before writing a review: follow the link we emailed to {user.email}, or send a new
        one from the banner at the top of the page.
      </p>
    );
  }
  const own = await findOwnReview(prisma, user.id, productId);
  return (
    <div className="flex flex-col gap-6">
      {own ? (
        <p className="text-sm text-zinc-700" data-testid="review-status">
          {STATUS_NOTE[own.status]}
          {own.verified ? " It carries the “Verified buyer” mark." : ""}
        </p>
      ) : (
        <p className="text-sm text-zinc-700">
          Tell other shoppers what you think of {title}. Reviews from accounts that bought it are marked “Verified
          buyer”.
        </p>
      )}
      <ReviewForm
        slug={slug}
        productTitle={title}
        existing={own ? { rating: own.rating, title: own.title, body: own.body } : null}
        limits={LIMITS}
        save={saveReviewAction}
        remove={deleteReviewAction}
      />
    </div>
  );
}
