import { getSessionUser } from "@/lib/auth/session";
import { ResendVerificationButton } from "./resend-verification-button";

/**
 * For a signed-in account that has not confirmed its email: a reminder with "resend". Shopping is not
 * blocked; features that need a confirmed address (reviews) check it on the server. Rendered per request
 * inside a Suspense boundary of the store layout, so cached pages stay cached around it.
 */
export async function VerifyEmailBanner() {
  const user = await getSessionUser();
  if (!user || user.emailVerified) return null;
  return (
    <div
      role="region"
      aria-label="Confirm your email"
      className="border-b border-amber-200 bg-amber-50"
      data-testid="verify-email-banner"
    >
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2 text-sm sm:px-6 lg:px-8">
        <p>
          Please confirm your email address: we sent a link to <strong>{user.email}</strong>.
        </p>
        <ResendVerificationButton />
      </div>
    </div>
  );
}
