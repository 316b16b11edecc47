// Every payment outcome for an order starts by locking its row, so confirmations, failures and
// cancellations of the same order run one after another and each sees the previous one's result.
import type { Tx } from "@/lib/db/transaction";
import type { OrderStatus, PaymentStatus } from "@/lib/generated/prisma/enums";

export interface LockedOrder {
  id: string;
  number: number;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  email: string;
  userId: string | null;
  cartId: string | null;
  currency: string;
  totalCents: number;
  discountCents: number;
  couponId: string | null;
}

export async function lockOrder(tx: Tx, orderId: string): Promise<LockedOrder | null> {
  const [order] = await tx.$queryRaw<LockedOrder[]>`
    SELECT id, number, status::text AS status, "paymentStatus"::text AS "paymentStatus", email, "userId",
           "cartId", currency, "totalCents", "discountCents", "couponId"
    FROM "Order" WHERE id = ${orderId} FOR UPDATE`;
  return order ?? null;
}
