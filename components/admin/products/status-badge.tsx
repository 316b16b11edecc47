import { Badge } from "@/components/admin/ui";

const TONES = { DRAFT: "neutral", ACTIVE: "good", ARCHIVED: "warn" } as const;
const LABELS = { DRAFT: "Draft", ACTIVE: "Active", ARCHIVED: "Archived" } as const;

export function ProductStatusBadge({ status }: { status: keyof typeof TONES }) {
  return <Badge tone={TONES[status]}>{LABELS[status]}</Badge>;
}

export const PRODUCT_STATUS_LABELS = LABELS;
