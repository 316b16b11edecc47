// "Notify me when it is back": a shopper subscribes to a sold-out variant with an email, and gets one email
// when the variant's availability next goes from 0 to positive (a delivery or an adjustment, a cancelled
// order's units coming back, a released or expired reservation, a CSV count).
//
// Exactly once, by construction:
//   1. The stock writers of this folder detect the crossing in the transaction that changed the stock
//      (queueStockCrossings in ./stock-updates.ts, setStockLevels in ./stock-changes.ts and the admin's
//      adjustments in ./adjustments.ts) and call notifyBackInStock there, so the email is queued (outbox)
//      if and only if the stock change commits.
//   2. notifyBackInStock is one guarded UPDATE ... SET "notifiedAt" = now WHERE "notifiedAt" IS NULL
//      RETURNING: when several transactions restock the same variant at once, the first to update a
//      subscription row holds its lock until it commits; the others wait, re-check the condition on the
//      committed row (READ COMMITTED), find it notified and skip it. Each row is claimed by one transaction.
//   3. The outbox event carries a dedupe key (subscription id + how many emails it had), so even a replay
//      of the same claim cannot queue it twice; the outbox then delivers it once (lib/email).
// A restock from 3 to 5 crosses nothing and claims nothing; a subscription already notified stays quiet
// until its shopper subscribes again (that clears notifiedAt), and is then notified at the next crossing.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { runTransaction, type Tx } from "@/lib/db/transaction";
import { UserError } from "@/lib/errors";
import { idSchema, newId } from "@/lib/ids";
import { enqueueMany } from "@/lib/outbox/enqueue";
import { BACK_IN_STOCK_TOPIC, backInStockDedupeKey, type BackInStockPayload } from "@/lib/outbox/topics";
import { variantAvailableSql } from "./stock-sql";

export const stockAlertInput = z.object({
  variantId: idSchema({ missing: "Choose an option.", invalid: "Unknown option." }),
  email: z
    .string({ error: "Enter your email." })
    .trim()
    .min(1, "Enter your email.")
    .max(254, "That email is too long.")
    .email("Enter a valid email address.")
    .transform((email) => email.toLowerCase()),
});
export type StockAlertInput = z.output<typeof stockAlertInput>;

export const STOCK_ALERT_SAVED_MESSAGE = "We'll email you once when it is back in stock.";

/**
 * Subscribes an email to a sold-out variant (again after an earlier email: the next restock sends one
 * more). Refused while the variant can be bought (nothing to wait for) or when it is not for sale. The
 * variant's stock rows are read FOR SHARE, so a restock committing at this moment either finished first
 * (then this sees the stock and refuses) or waits for this subscription (and then notifies it).
 */
export async function subscribeToRestock(db: Db, input: StockAlertInput, now = new Date()): Promise<void> {
  await runTransaction(db, async (tx) => {
    const variant = await tx.variant.findUnique({
      where: { id: input.variantId },
      select: { product: { select: { status: true } } },
    });
    if (!variant || variant.product.status !== "ACTIVE")
      throw new UserError("variant_unavailable", "This item is no longer available.");
    await tx.$queryRaw`SELECT id FROM "InventoryLevel" WHERE "variantId" = ${input.variantId} ORDER BY id FOR SHARE`;
    const [row] = await tx.$queryRaw<{ available: number }[]>`
      SELECT ${variantAvailableSql(Prisma.sql`${input.variantId}`, now)} AS available`;
    if ((row?.available ?? 0) > 0) throw new UserError("in_stock", "Good news: this is in stock now.");
    await tx.$executeRaw`
      INSERT INTO "StockAlert" (id, "variantId", email, "createdAt")
      VALUES (${newId()}, ${input.variantId}, ${input.email}, ${now}::timestamp)
      ON CONFLICT ("variantId", email) DO UPDATE SET "notifiedAt" = NULL, "createdAt" = EXCLUDED."createdAt"`;
  });
}

/**
 * For the stock writers of lib/inventory only, in the transaction whose change made these variants
 * available again: claims every waiting subscription of them and queues its email. Returns how many.
 */
export async function notifyBackInStock(tx: Tx, variantIds: readonly string[], now = new Date()): Promise<number> {
  const ids = [...new Set(variantIds)];
  if (ids.length === 0) return 0;
  // Rows are locked in id order (FOR UPDATE in the CTE) so two restocks claiming several rows cannot
  // deadlock; a row another transaction claimed meanwhile is re-checked after its commit and left out.
  const claimed = await tx.$queryRaw<{ id: string; sentCount: number }[]>`
    WITH waiting AS (
      SELECT id FROM "StockAlert"
      WHERE "variantId" = ANY(${ids}::text[]) AND "notifiedAt" IS NULL
      ORDER BY id
      FOR UPDATE
    )
    UPDATE "StockAlert" a SET "notifiedAt" = ${now}::timestamp, "sentCount" = a."sentCount" + 1
    FROM waiting w
    WHERE a.id = w.id AND a."notifiedAt" IS NULL
    RETURNING a.id, a."sentCount"`;
  await enqueueMany(
    tx,
    claimed.map((alert) => ({
      topic: BACK_IN_STOCK_TOPIC,
      aggregateId: alert.id,
      payload: { alertId: alert.id } satisfies BackInStockPayload,
      dedupeKey: backInStockDedupeKey(alert.id, alert.sentCount),
    })),
  );
  return claimed.length;
}
