"use client";

import Link from "next/link";
import { useActionState } from "react";
import type { FormAction } from "@/lib/actions/form-action";
import type { ActionResult } from "@/lib/actions/result";
import { FormError, SubmitButton } from "@/components/ui/field";
import { EmailStatusChanged } from "./email-status-events";

/** A button, not a visit: opening the link (or a mail scanner fetching it) changes nothing by itself.
 *  `verify` is the confirming action, from the page. */
export function VerifyEmailForm({ token, verify }: { token: string; verify: FormAction<{ email: string }> }) {
  const [result, action, pending] = useActionState<ActionResult<{ email: string }> | null, FormData>(verify, null);
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
  const failed = result && !result.ok ? result : null;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormError message={failed ? failed.error : null} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pending={pending}>Confirm my email address</SubmitButton>
    </form>
  );
}
