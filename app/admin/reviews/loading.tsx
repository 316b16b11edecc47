import { PageSkeleton } from "@/components/admin/ui";

export default function AdminLoading() {
  return <PageSkeleton />;
}
