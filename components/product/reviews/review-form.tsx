"use client";
// The shopper's review form (/products/<slug>/review): stars, title and text, for a first review or an
// edit, and "delete my review". The actions come from the page as props; a refusal shows each field's
// message next to it and keeps what was typed.
import Link from "next/link";
import type { FormAction } from "@/lib/actions/form-action";
import { Field, FormError, FormSuccess, SubmitButton, TextareaField } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

export interface SavedReviewResult {
  status: "PENDING" | "PUBLISHED" | "HIDDEN";
  verified: boolean;
  created: boolean;
}

export interface ReviewFormValues {
  rating: number;
  title: string;
  body: string;
}

interface ReviewFormProps {
  slug: string;
  productTitle: string;
  existing: ReviewFormValues | null;
  limits: { titleMax: number; bodyMin: number; bodyMax: number };
  save: FormAction<SavedReviewResult>;
  remove: FormAction;
}

const SAVED_MESSAGE: Record<SavedReviewResult["status"], string> = {
  PUBLISHED: "Thank you! Your review is on the product page.",
  PENDING: "Thank you! Your review will appear on the product page once the store has approved it.",
  HIDDEN: "Saved. The store has hidden this review, so it is not shown on the product page.",
};

export function ReviewForm({ slug, productTitle, existing, limits, save, remove }: ReviewFormProps) {
  const { result, action: saveAction, pending: saving, failed, errors, formError } = useFormAction(save);
  const { result: removed, action: removeAction, pending: removing, failed: notRemoved } = useFormAction(remove);
  const value = (name: keyof ReviewFormValues) => failed?.values?.[name] ?? String(existing?.[name] ?? "");
  const productHref = `/products/${slug}#reviews`;

  if (removed?.ok) {
    return (
      <div className="flex flex-col gap-4">
        <FormSuccess message="Your review was deleted." />
        <Link href={productHref} className="self-start underline">
          Back to {productTitle}
        </Link>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-8">
      <form action={saveAction} className="flex flex-col gap-5" noValidate data-testid="review-form">
        <input type="hidden" name="slug" value={slug} />
        <FormError message={formError} />
        {result?.ok ? (
          <div className="flex flex-col gap-2">
            <FormSuccess message={SAVED_MESSAGE[result.data.status]} />
            <Link href={productHref} className="self-start text-sm underline">
              See it on the product page
            </Link>
          </div>
        ) : null}
        <fieldset
          className="flex flex-col gap-2"
          aria-invalid={errors.rating ? true : undefined}
          aria-describedby={errors.rating ? "rating-error" : undefined}
        >
          <legend className="mb-1 text-sm font-medium">Your rating</legend>
          <div className="flex flex-wrap gap-2">
            {[5, 4, 3, 2, 1].map((stars) => (
              <label
                key={stars}
                className="flex cursor-pointer items-center gap-2 rounded-md border border-zinc-300 px-3 py-2 text-sm has-[:checked]:border-zinc-900 has-[:checked]:bg-zinc-900 has-[:checked]:text-white"
              >
                <input
                  type="radio"
                  name="rating"
                  value={stars}
                  defaultChecked={value("rating") === String(stars)}
                  className="sr-only"
                />
                {stars} {stars === 1 ? "star" : "stars"}
              </label>
            ))}
          </div>
          {errors.rating ? (
            <p id="rating-error" className="text-sm text-red-700">
              {errors.rating}
            </p>
          ) : null}
        </fieldset>
        <Field
          label="Title"
          name="title"
          required
          maxLength={limits.titleMax}
          defaultValue={value("title")}
          error={errors.title}
        />
        <TextareaField
          label="Your review"
          name="body"
          rows={7}
          required
          minLength={limits.bodyMin}
          maxLength={limits.bodyMax}
          hint={`Plain text, ${limits.bodyMin} to ${limits.bodyMax} characters.`}
          defaultValue={value("body")}
          error={errors.body}
        />
        <div>
          <SubmitButton pending={saving}>{existing ? "Save changes" : "Submit review"}</SubmitButton>
        </div>
      </form>
      {existing ? (
        <form action={removeAction} className="flex flex-col gap-2 border-t border-zinc-200 pt-6">
          <input type="hidden" name="slug" value={slug} />
          <FormError message={notRemoved?.error} />
          <button
            type="submit"
            disabled={removing}
            className="self-start rounded-md border border-red-300 px-4 py-2 text-sm font-semibold text-red-800 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60"
          >
            {removing ? "Deleting…" : "Delete my review"}
          </button>
        </form>
      ) : null}
    </div>
  );
}
