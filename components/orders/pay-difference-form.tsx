"use client";
// "Pay the difference" of a dearer exchange on the order page: posts to the page's action, which starts
// the payment with the store's provider and sends the shopper to its page (Stripe's, or the test payment
// page in demo mode). A refusal (paid already, the exchange released) is shown in place.
import { FormError, SubmitButton } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormAction } from "@/lib/actions/form-action";

export function PayDifferenceForm({
  action,
  orderId,
  returnId,
  accessKey,
  amount,
  until,
}: {
  action: FormAction;
  orderId: string;
  returnId: string;
  accessKey: string | null;
  /** The difference, already formatted. */
  amount: string;
  /** Until when the exchange is set aside (text, already formatted). */
  until: string;
}) {
  const { action: submit, pending, formError } = useFormAction(action);
  return (
    <form action={submit} aria-label="Pay the difference" className="mt-2 flex flex-col gap-2">
      <input type="hidden" name="orderId" value={orderId} />
      <input type="hidden" name="returnId" value={returnId} />
      {accessKey ? <input type="hidden" name="key" value={accessKey} /> : null}
      <p data-testid="return-difference">
        Your exchange costs {amount} more than the items you return. It is set aside for you until {until}.
      </p>
      <FormError message={formError} />
      <div>
        <SubmitButton pending={pending}>Pay the difference ({amount})</SubmitButton>
      </div>
    </form>
  );
}
