import type { Metadata } from "next";
import { AccessMessage } from "@/components/access-message";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

// What unauthorized() would render (HTTP 401). The store does not call it, but with authInterrupts on, React
// sends this page inside every page's payload: ours is one client component reference, Next's default page
// a tree with inline styles.
export default function Unauthorized() {
  return <AccessMessage status={401} />;
}
