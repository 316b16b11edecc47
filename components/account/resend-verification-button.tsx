"use client";

import { useState, useTransition } from "react";
import type { ButtonAction } from "@/lib/actions/form-action";

export type ResendVerification = { status: "sent" | "already_verified" };

/** `resend`: the action that sends a new confirmation email, from the store layout. */
export function ResendVerificationButton({ resend }: { resend: ButtonAction<ResendVerification> }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <span className="flex items-center gap-3">
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await resend();
            if (!result.ok) setMessage(result.error);
            else
              setMessage(
                result.data.status === "sent" ? "Sent. Check your inbox." : "Your email is already confirmed.",
              );
          })
        }
        className="rounded-md border border-amber-300 bg-white px-3 py-1 font-medium hover:bg-amber-100 focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60"
      >
        {pending ? "Sending…" : "Resend the email"}
      </button>
      <span role="status" aria-live="polite">
        {message}
      </span>
    </span>
  );
}
