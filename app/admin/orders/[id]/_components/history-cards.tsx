// What happened to the order: its timeline (events, some shown to the shopper) and the staff audit trail.
import { Card, EmptyState } from "@/components/admin/ui";
import type { AdminOrderDetail } from "@/lib/orders/admin-queries";
import { Time } from "./time";

export function TimelineCard({ order }: { order: AdminOrderDetail }) {
  return (
    <Card title="Timeline">
      {order.events.length === 0 ? (
        <EmptyState title="No events yet" />
      ) : (
        <ol className="border-l border-zinc-300 pl-4" data-testid="admin-timeline">
          {order.events.map((event) => (
            <li key={event.id} className="mb-3 text-sm">
              <span className="block text-xs text-zinc-500">
                <Time date={event.createdAt} /> · {event.public ? "shown to the shopper" : "internal"}
              </span>
              {event.message}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

export function AuditCard({ order }: { order: AdminOrderDetail }) {
  return (
    <Card title="Audit trail">
      {order.audit.length === 0 ? (
        <p className="text-sm text-zinc-600">No staff changes yet.</p>
      ) : (
        <ul className="flex flex-col gap-2 text-sm" data-testid="audit-trail">
          {order.audit.map((entry) => (
            <li key={entry.id}>
              <span className="font-medium">{entry.action}</span> by{" "}
              {entry.actor?.name ?? entry.actor?.email ?? "a deleted user"}
              <span className="block text-xs text-zinc-500">
                <Time date={entry.createdAt} />
              </span>
              {entry.data ? (
                <code className="mt-1 block max-w-full overflow-x-auto whitespace-pre-wrap break-all rounded bg-zinc-50 p-1 text-xs text-zinc-700">
                  {JSON.stringify(entry.data).slice(0, 600)}
                </code>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
