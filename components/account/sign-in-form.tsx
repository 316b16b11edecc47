"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useState, useSyncExternalStore, type FormEvent } from "react";
import { Field, FormError, SubmitButton } from "@/components/ui/field";
import { GENERIC_SIGN_IN_ERROR, signInErrorMessage } from "@/lib/auth/sign-in-errors";

const subscribeToNothing = () => () => {};
const clientSnapshot = () => true;
const serverSnapshot = () => false;

/** A text field's value; a file (only a crafted form could send one) counts as empty. */
function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

/**
 * `callbackUrl` must come from safeCallbackUrl() and `initialError` from signInErrorMessage(): this form
 * navigates to the one and shows the other as they are.
 */
export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string | null }) {
  const [error, setError] = useState<string | null>(initialError ?? null);
  const [pending, setPending] = useState(false);
  // Signing in needs next-auth's client (CSRF token, JSON response): until it has loaded the button waits,
  // so an early click can never fall back to a native submit. False on the server and while hydrating.
  const ready = useSyncExternalStore(subscribeToNothing, clientSnapshot, serverSnapshot);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: formText(form, "email"),
        password: formText(form, "password"),
        redirect: false,
        callbackUrl,
      });
      if (!result || result.error) {
        // next-auth answers with an error code (CredentialsSignin, or RateLimited:<seconds> from authorize()).
        setError(signInErrorMessage(result?.error) ?? GENERIC_SIGN_IN_ERROR);
        setPending(false);
        return;
      }
      // A full navigation, so every server component (header, cart) renders with the new session.
      window.location.assign(callbackUrl);
    } catch {
      setError(GENERIC_SIGN_IN_ERROR);
      setPending(false);
    }
  }

  return (
    <form onSubmit={(event) => void onSubmit(event)} method="post" className="flex flex-col gap-4" noValidate>
      <FormError message={error} />
      <Field label="Email" name="email" type="email" autoComplete="email" required autoFocus />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <Link className="-mt-2 self-end text-sm font-medium underline" href="/account/forgot-password">
        Forgot your password?
      </Link>
      <SubmitButton pending={pending || !ready}>Sign in</SubmitButton>
      <p className="text-sm text-zinc-600">
        New here?{" "}
        <Link
          className="font-medium underline"
          href={`/account/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`}
        >
          Create an account
        </Link>{" "}
        — or just check out as a guest, no account needed.
      </p>
    </form>
  );
}
