"use client";
// "Notify me when it is back" under a sold-out variant: one email when that variant can be bought again
// (lib/inventory/back-in-stock.ts). A guest types an email; a signed-in shopper's starts filled in.
import { useWishlistEmail } from "@/components/wishlist/wishlist-context";
import { Field, FormError } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

export function NotifyMe({ variantId }: { variantId: string }) {
  const { email, subscribe } = useWishlistEmail();
  const { result, action, pending, failed, errors, formError } = useFormAction(subscribe);
  if (result?.ok) {
    return (
      <p
        role="status"
        data-testid="notify-me-done"
        className="rounded-md border border-green-300 bg-green-50 p-3 text-sm"
      >
        {result.data.message}
      </p>
    );
  }
  return (
    <form
      action={action}
      noValidate
      data-testid="notify-me"
      aria-label="Email me when it is back in stock"
      className="flex flex-col gap-3 rounded-md border border-zinc-200 p-4"
    >
      <p className="text-sm font-medium">Sold out. Get one email when it is back:</p>
      <FormError message={formError} />
      <input type="hidden" name="variantId" value={variantId} />
      <Field
        key={email ?? ""}
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={failed?.values?.email ?? email ?? ""}
        error={errors.email ?? errors.variantId}
      />
      <button
        type="submit"
        disabled={pending}
        className="self-start rounded-md border border-zinc-900 px-4 py-2 text-sm font-semibold hover:bg-zinc-50 disabled:opacity-60"
      >
        Notify me
      </button>
    </form>
  );
}
