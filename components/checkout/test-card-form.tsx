"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { FormAction } from "@/lib/actions/form-action";
import type { ActionResult } from "@/lib/actions/result";
import { Field, FormError, SubmitButton } from "@/components/ui/field";

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
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(pay, null);
  const failed = result && !result.ok ? result : null;
  const declined = failed?.code === "card_declined" || failed?.code === "insufficient_funds";
  return (
    <form action={action} className="flex max-w-md flex-col gap-4" noValidate>
      <input type="hidden" name="paymentId" value={paymentId} />
      {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
      <FormError message={failed && !failed.fieldErrors?.cardNumber ? failed.error : null} />
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
        error={failed?.fieldErrors?.cardNumber}
      />
      <div>
        <SubmitButton pending={pending}>Pay {amountLabel}</SubmitButton>
      </div>
    </form>
  );
}
