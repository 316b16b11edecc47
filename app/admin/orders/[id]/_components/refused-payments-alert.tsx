// Payments the store refused and is refunding (lib/orders/refused-payment.ts): money the shopper paid that
// no order keeps, shown above the order so the seller can tell the shopper and watch the refund.
import type { AdminOrderDetail } from "@/lib/orders/admin-queries";
import { Time } from "./time";

export function RefusedPaymentsAlert({ order }: { order: AdminOrderDetail }) {
  if (order.refusedPaymentAlerts.length === 0) return null;
  return (
    <div
      role="alert"
      className="rounded-md border-2 border-red-600 bg-red-50 p-4 text-sm text-red-900"
      data-testid="refused-payments"
    >
      <ul className="flex flex-col gap-1">
        {order.refusedPaymentAlerts.map((alert) => (
          <li key={alert.id}>
            <span className="font-semibold">{alert.message}</span>{" "}
            <span className="text-xs text-red-800">
              <Time date={alert.createdAt} />
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
