"use client";

import { ErrorMessage } from "@/components/error-message";

// Shown when rendering a page fails. Only the opaque digest is shown (it matches the server log line);
// the error's message and stack never reach the browser.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorMessage digest={error.digest} reset={reset} />;
}
