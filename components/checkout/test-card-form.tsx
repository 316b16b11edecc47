"use client";

import Link from "next/link";
import type { FormAction } from "@/lib/actions/form-action";
import { Field, FormError, SubmitButton } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

export function TestCardForm({
  paymentId,
  amountLabel,
  returnTo,
  pay,
}: {
  paymentId: string;
  amountLabel: string;
  /** The order page to go to after paying (checked again by the action). */
  returnTo: string | null;
  pay: FormAction;
}) {
  const { action, pending, failed, errors } = useFormAction(pay);
  const declined = failed?.code === "card_declined" || failed?.code === "insufficient_funds";
  return (
    <form action={action} className="flex max-w-md flex-col gap-4" noValidate>
      <input type="hidden" name="paymentId" value={paymentId} />
      {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
      <FormError message={failed && !errors.cardNumber ? failed.error : null} />
      {declined ? (
        <p className="text-sm">
          Your cart is saved.{" "}
          <Link href="/checkout/review" className="font-semibold underline">
            Back to your order
          </Link>{" "}
          to try again.
        </p>
      ) : null}
      <Field
        label="Card number"
        name="cardNumber"
        inputMode="numeric"
        autoComplete="cc-number"
        placeholder="4242 4242 4242 4242"
        required
        error={errors.cardNumber}
      />
      <div>
        <SubmitButton pending={pending}>Pay {amountLabel}</SubmitButton>
      </div>
    </form>
  );
}
