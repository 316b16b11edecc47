// The orders a signed-in shopper sees on their account page: their own, newest first.
import type { Db } from "@/lib/db";
import type { OrderStatus } from "@/lib/generated/prisma/enums";
import { displayOrderStatus } from "./display-status";

export interface AccountOrder {
  id: string;
  number: number;
  /** As shown (lib/orders/display-status.ts): a declined order reads PAYMENT_FAILED. */
  status: OrderStatus;
  totalCents: number;
  currency: string;
  createdAt: Date;
}

const ACCOUNT_ORDERS_SHOWN = 50;

export async function listAccountOrders(db: Db, userId: string): Promise<AccountOrder[]> {
  const rows = await db.order.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: ACCOUNT_ORDERS_SHOWN,
    select: {
      id: true,
      number: true,
      status: true,
      paymentStatus: true,
      totalCents: true,
      currency: true,
      createdAt: true,
    },
  });
  return rows.map(({ paymentStatus, ...order }) => ({
    ...order,
    status: displayOrderStatus(order.status, paymentStatus),
  }));
}
