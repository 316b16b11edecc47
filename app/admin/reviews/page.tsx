// Review moderation: every shopper's review, pending ones first, with approve and hide (staff), and the
// store's setting of whether reviews wait for approval (administrators change it, staff see it).
import type { Metadata } from "next";
import Link from "next/link";
import { prisma } from "@/lib/db";
import { requireAdminPage } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";
import { productPath } from "@/lib/catalog/site";
import { moderationListParams } from "@/lib/reviews/input";
import { listReviewsForModeration, MODERATION_PAGE_SIZE } from "@/lib/reviews/moderation";
import { readReviewSettings } from "@/lib/reviews/settings";
import { AdminPageHeader, Badge, Card, EmptyState, Pagination } from "@/components/admin/ui";
import { ModerateReviewButtons } from "@/components/admin/reviews/moderate-review-buttons";
import { ReviewSettingsForm } from "@/components/admin/reviews/review-settings-form";
import { moderateReviewAction, updateReviewSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Reviews" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const STATUS_FILTERS = [
  { value: undefined, label: "All (pending first)" },
  { value: "PENDING", label: "Pending" },
  { value: "PUBLISHED", label: "Published" },
  { value: "HIDDEN", label: "Hidden" },
] as const;

const STATUS_BADGE = {
  PENDING: { tone: "warn", label: "Pending" },
  PUBLISHED: { tone: "good", label: "Published" },
  HIDDEN: { tone: "neutral", label: "Hidden" },
} as const;

function listHref(status: string | undefined, page = 1): string {
  const query = new URLSearchParams();
  if (status) query.set("status", status);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `/admin/reviews?${text}` : "/admin/reviews";
}

export default async function ReviewsModerationPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireAdminPage("STAFF", "/admin/reviews");
  const params = moderationListParams.parse(await searchParams);
  const [settings, { rows, total, pending }] = await Promise.all([
    readReviewSettings(prisma),
    listReviewsForModeration(prisma, { status: params.status ?? null, page: params.page }),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / MODERATION_PAGE_SIZE));
  return (
    <div className="flex flex-col gap-6">
      <AdminPageHeader
        title="Reviews"
        description={`${pending} review${pending === 1 ? "" : "s"} waiting for approval. Only published reviews show on the store and count in a product's rating.`}
      />
      <Card title="Moderation">
        {hasRole(actor.role, "ADMIN") ? (
          <ReviewSettingsForm action={updateReviewSettingsAction} requireApproval={settings.requireApproval} />
        ) : (
          <p className="text-sm text-zinc-700" data-testid="review-settings-read-only">
            {settings.requireApproval
              ? "Reviews wait for a moderator's approval."
              : "Reviews go live at once; you can hide any of them."}{" "}
            Only administrators can change this.
          </p>
        )}
      </Card>
      <nav aria-label="Review status" className="flex flex-wrap gap-2 text-sm">
        {STATUS_FILTERS.map((filter) => (
          <Link
            key={filter.label}
            href={listHref(filter.value)}
            aria-current={params.status === filter.value ? "page" : undefined}
            className="rounded-full border border-zinc-300 bg-white px-3 py-1 hover:bg-zinc-100 aria-[current=page]:border-zinc-900 aria-[current=page]:bg-zinc-900 aria-[current=page]:text-white"
          >
            {filter.label}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <EmptyState title="No reviews here">Reviews shoppers write show up in this list.</EmptyState>
      ) : (
        <ol className="flex flex-col gap-3" data-testid="moderation-queue">
          {rows.map((review) => (
            <li key={review.id} className="rounded-lg border border-zinc-200 bg-white p-4 shadow-sm">
              <article className="flex flex-col gap-2" aria-label={`Review of ${review.product.title}`}>
                <header className="flex flex-wrap items-center gap-2 text-sm">
                  <Badge tone={STATUS_BADGE[review.status].tone}>{STATUS_BADGE[review.status].label}</Badge>
                  <span className="font-semibold">{review.rating} / 5</span>
                  <Link href={productPath(review.product.slug)} className="underline">
                    {review.product.title}
                  </Link>
                  <span className="text-zinc-600">
                    by {review.authorName}
                    {review.authorEmail ? ` (${review.authorEmail})` : " (sample data)"}
                    {review.verified ? " · Verified buyer" : ""} · {review.createdAt.toISOString().slice(0, 10)}
                  </span>
                </header>
                <h2 className="font-semibold">{review.title}</h2>
                <p className="line-clamp-6 whitespace-pre-line text-sm text-zinc-700">{review.body}</p>
                <ModerateReviewButtons reviewId={review.id} status={review.status} moderate={moderateReviewAction} />
              </article>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={params.page} pageCount={pageCount} hrefFor={(page) => listHref(params.status, page)} />
    </div>
  );
}
