import Link from "next/link";
import { connection } from "next/server";
import { prisma } from "@/lib/db";
import { getStoreMoneyFormatter } from "@/lib/settings/money-format";
import { listStuckRefunds, REFUND_STUCK_AFTER_MINUTES } from "@/lib/payments/refund-reconcile";

/** Refunds with no final answer from the payment provider past the threshold: money a shopper is waiting for. */
export async function StuckRefundsBanner() {
  const formatMoney = await getStoreMoneyFormatter();
  await connection();
  const stuck = await listStuckRefunds(prisma);
  if (stuck.length === 0) return null;
  return (
    <div
      role="alert"
      className="rounded-md border-2 border-red-600 bg-red-50 p-4 text-sm text-red-900"
      data-testid="stuck-refunds"
    >
      <p className="font-semibold">
        {stuck.length === 1 ? "A refund is" : `${stuck.length} refunds are`} stuck: pending at the payment provider for
        over {REFUND_STUCK_AFTER_MINUTES} minutes. The store keeps retrying; the shopper has not been paid yet.
      </p>
      <ul className="mt-2 flex flex-col gap-1">
        {stuck.map((refund) => (
          <li key={refund.id}>
            <Link href={`/admin/orders/${refund.orderId}`} className="underline">
              Order #{refund.orderNumber}
            </Link>
            : {formatMoney(refund.amountCents, refund.currency)}, {refund.attempts} attempt(s)
            {refund.lastError ? `, last error: ${refund.lastError}` : ""}
          </li>
        ))}
      </ul>
    </div>
  );
}
