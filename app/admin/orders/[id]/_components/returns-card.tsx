// The order's returns, each linking to its page in the returns queue (/admin/returns/<id>).
import Link from "next/link";
import { Card } from "@/components/admin/ui";
import type { listOrderReturns } from "@/lib/orders/returns-queries";
import { ReturnStatusBadge } from "../../../returns/_components/return-status-badge";

export function ReturnsCard({ returns }: { returns: Awaited<ReturnType<typeof listOrderReturns>> }) {
  if (returns.length === 0) return null;
  return (
    <Card title="Returns">
      <ul className="flex flex-col gap-2 text-sm">
        {returns.map((request) => (
          <li key={request.id} className="flex flex-wrap items-center gap-2">
            <Link href={`/admin/returns/${encodeURIComponent(request.id)}`} className="underline underline-offset-2">
              Return of {request.createdAt.toISOString().slice(0, 16).replace("T", " ")}
            </Link>
            <ReturnStatusBadge status={request.status} />
            <span className="text-zinc-600">
              {request.lines.map((line) => `${line.orderLine.title} × ${line.quantity}`).join(", ")}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
