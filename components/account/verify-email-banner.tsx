"use client";

import { useEffect, useState } from "react";
import type { ButtonAction } from "@/lib/actions/form-action";
import type { EmailStatusResponse } from "@/lib/auth/email-verification";
import { EMAIL_STATUS_CHANGED_EVENT } from "./email-status-events";
import { ResendVerificationButton, type ResendVerification } from "./resend-verification-button";

async function fetchUnconfirmedEmail(): Promise<string | null> {
  const response = await fetch("/api/account/email-status", {
    cache: "no-store",
    headers: { accept: "application/json" },
  });
  if (!response.ok) return null; // a reminder, not a gate: when the read fails, no banner
  return ((await response.json()) as EmailStatusResponse).unconfirmedEmail;
}

/**
 * For a signed-in account that has not confirmed its email: a reminder with "resend". Shopping is not
 * blocked; features that need a confirmed address (reviews) check it on the server. An island read in the
 * browser from /api/account/email-status, so the store layout (and every cached page in it) stays the same
 * for every visitor. Nothing shows for a signed-out visitor, or until the answer arrives.
 */
export function VerifyEmailBanner({ resend }: { resend: ButtonAction<ResendVerification> }) {
  const [email, setEmail] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    const read = () =>
      void fetchUnconfirmedEmail()
        .catch(() => null)
        .then((value) => {
          if (current) setEmail(value);
        });
    read();
    window.addEventListener(EMAIL_STATUS_CHANGED_EVENT, read);
    return () => {
      current = false;
      window.removeEventListener(EMAIL_STATUS_CHANGED_EVENT, read);
    };
  }, []);
  if (!email) return null;
  return (
    <div
      role="region"
      aria-label="Confirm your email"
      className="border-b border-amber-200 bg-amber-50"
      data-testid="verify-email-banner"
    >
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2 text-sm sm:px-6 lg:px-8">
        <p>
          Please confirm your email address: we sent a link to <strong>{email}</strong>.
        </p>
        <ResendVerificationButton resend={resend} />
      </div>
    </div>
  );
}
