import { Badge } from "@/components/admin/ui";
import type { ReturnStatus } from "@/lib/generated/prisma/enums";
import { RETURN_STATUS_LABELS } from "@/lib/orders/returns-rules";

const TONES: Record<ReturnStatus, "neutral" | "good" | "warn" | "bad" | "info"> = {
  REQUESTED: "warn",
  APPROVED: "info",
  REJECTED: "bad",
  RECEIVED: "info",
  COMPLETED: "good",
};

export function ReturnStatusBadge({ status }: { status: ReturnStatus }) {
  return (
    <span data-testid="return-status">
      <Badge tone={TONES[status]}>{RETURN_STATUS_LABELS[status]}</Badge>
    </span>
  );
}
