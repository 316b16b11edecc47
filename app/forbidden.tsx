import type { Metadata } from "next";
import { AccessMessage } from "@/components/access-message";

export const metadata: Metadata = { title: "No access", robots: { index: false } };

// Rendered with HTTP 403 by forbidden() (lib/auth/guard.ts): signed in, but without the role for this page.
export default function Forbidden() {
  return <AccessMessage status={403} />;
}
