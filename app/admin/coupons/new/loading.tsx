import { PageSkeleton } from "@/components/admin/ui";

// A loading boundary per route: navigations show the skeleton at once while the data streams in.
export default function Loading() {
  return <PageSkeleton />;
}
