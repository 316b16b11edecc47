"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useEffect, useRef, useState } from "react";
import type { FormAction } from "@/lib/actions/form-action";
import { Field, FormError, SubmitButton } from "@/components/ui/field";
import { useFormAction } from "@/components/ui/use-form-action";

export function SignUpForm({ callbackUrl, signUp }: { callbackUrl: string; signUp: FormAction<{ email: string }> }) {
  const { result, action, pending, errors, formError, field } = useFormAction(signUp);
  const [signInError, setSignInError] = useState<string | null>(null);
  const password = useRef<string>("");

  // The account exists: sign in with the same credentials (next-auth sets the session cookie and merges
  // the guest cart), then go on.
  useEffect(() => {
    if (!result?.ok) return;
    void signIn("credentials", {
      email: result.data.email,
      password: password.current,
      redirect: false,
      callbackUrl,
    }).then((outcome) => {
      password.current = "";
      if (outcome?.ok && !outcome.error) window.location.assign(callbackUrl);
      else setSignInError("Your account was created. Please sign in.");
    });
  }, [result, callbackUrl]);

  return (
    <form
      action={action}
      onSubmit={(event) => {
        const value = new FormData(event.currentTarget).get("password");
        password.current = typeof value === "string" ? value : "";
      }}
      className="flex flex-col gap-4"
      noValidate
    >
      <FormError message={signInError ?? formError} />
      <Field label="Name" autoComplete="name" optional {...field("name", "")} />
      <Field label="Email" type="email" autoComplete="email" required {...field("email", "")} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        aria-describedby="password-hint"
        error={errors.password}
      />
      <p id="password-hint" className="-mt-2 text-xs text-zinc-500">
        At least 10 characters.
      </p>
      <SubmitButton pending={pending || (result?.ok ?? false)}>Create account</SubmitButton>
      <p className="text-sm text-zinc-600">
        Already have an account?{" "}
        <Link
          className="font-medium underline"
          href={`/account/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}
        >
          Sign in
        </Link>
      </p>
    </form>
  );
}
