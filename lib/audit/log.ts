// The audit trail: who did what to which record, written in the same transaction as the change itself so
// a change is never without its entry (and an entry never without its change).
import type { Prisma } from "@/lib/generated/prisma/client";

export type AuditWriter = Pick<Prisma.TransactionClient, "auditLog">;

export interface AuditEntry {
  actorId: string | null;
  /** Dotted verb, e.g. "product.update", "inventory.adjust", "order.refund". */
  action: string;
  entityType: string;
  entityId: string;
  data?: Prisma.InputJsonValue;
}

export async function writeAudit(tx: AuditWriter, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: entry });
}

export async function auditTrail(
  db: Pick<Prisma.TransactionClient, "auditLog">,
  entityType: string,
  entityId: string,
  take = 100,
) {
  return db.auditLog.findMany({
    where: { entityType, entityId },
    orderBy: { createdAt: "desc" },
    take,
    include: { actor: { select: { email: true, name: true } } },
  });
}
