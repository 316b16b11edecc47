"use client";

import { signOut } from "next-auth/react";
import { useState, useTransition } from "react";
import type { ButtonAction } from "@/lib/actions/form-action";

/** Ends every session of the account on every device, then this browser's too. */
export function SignOutEverywhereButton({ signOutEverywhere }: { signOutEverywhere: ButtonAction }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-2">
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await signOutEverywhere();
            if (!result.ok) setError(result.error);
            else await signOut({ callbackUrl: "/" });
          })
        }
        className="self-start rounded-md border border-zinc-300 px-4 py-2 text-sm font-semibold hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-2 disabled:opacity-60"
      >
        {pending ? "Signing out everywhere…" : "Sign out on all devices"}
      </button>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
