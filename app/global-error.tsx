"use client";

import "./globals.css";
import { ErrorMessage } from "@/components/error-message";

// Replaces the root layout when the layout itself fails, so it renders its own <html> and <body>.
// Like error.tsx it shows no error details, only the digest that matches the server log.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen items-center justify-center bg-white font-sans text-zinc-900">
        <ErrorMessage digest={error.digest} reset={reset} replacesLayout />
      </body>
    </html>
  );
}
