import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/account/forgot-password-form";
import { requestPasswordResetAction } from "@/app/(store)/account/actions";

export const metadata: Metadata = { title: "Forgot your password?", robots: { index: false } };

export default function ForgotPasswordPage() {
  return (
    <div className="mx-auto flex max-w-md flex-col gap-6 px-4 py-12">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Forgot your password?</h1>
        <p className="mt-1 text-sm text-zinc-600">
          Enter the email of your account and we will send you a link to choose a new password.
        </p>
      </div>
      <ForgotPasswordForm requestReset={requestPasswordResetAction} />
      <Link href="/account/sign-in" className="text-sm font-medium underline">
        Back to sign in
      </Link>
    </div>
  );
}
