// The orders a signed-in shopper sees on their account page: their own, newest first.
import type { Db } from "@/lib/db";
import type { OrderStatus } from "@/lib/generated/prisma/enums";

export interface AccountOrder {
  id: string;
  number: number;
  status: OrderStatus;
  totalCents: number;
  currency: string;
  createdAt: Date;
}

const ACCOUNT_ORDERS_SHOWN = 50;

export function listAccountOrders(db: Db, userId: string): Promise<AccountOrder[]> {
  return db.order.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: ACCOUNT_ORDERS_SHOWN,
    select: { id: true, number: true, status: true, totalCents: true, currency: true, createdAt: true },
  });
}
