"use client";

import Link from "next/link";
import type { FormAction } from "@/lib/actions/form-action";
import { FormError, SubmitButton } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";
import { EmailStatusChanged } from "./email-status-events";

/** A button, not a visit: opening the link (or a mail scanner fetching it) changes nothing by itself.
 *  `verify` is the confirming action, from the page. */
export function VerifyEmailForm({ token, verify }: { token: string; verify: FormAction<{ email: string }> }) {
  const { result, action, pending, failed } = useFormAction(verify);
  if (result?.ok) {
    return (
      <div role="status" data-testid="email-verified" className="flex flex-col gap-3">
        <EmailStatusChanged />
        <p className="rounded-md border border-green-300 bg-green-50 p-3 text-sm">
          Thank you: {result.data.email} is confirmed.
        </p>
        <Link href="/" className="font-medium underline">
          Continue shopping
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormError message={failed?.error} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pending={pending}>Confirm my email address</SubmitButton>
    </form>
  );
}
