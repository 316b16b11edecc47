// The low-stock email digest to staff: every (variant, location) at or below its threshold
// (lib/inventory/low-stock-locations.ts), queued through the outbox as one email to the recipients of the
// store settings (every staff member and administrator when none are set). The list is taken when the
// digest is queued, so the email (and /dev/mail) shows the stock of that moment.
//   - daily: the worker checks every WORKER_SCHEDULE.lowStockDigestEveryMs; the dedupe key of the UTC day
//     makes it one digest per day however many workers check at once; a day with nothing low sends none;
//   - on demand: the inventory page's button queues one now, also when nothing is low (it says so).
import type { Db } from "@/lib/db";
import { runTransaction } from "@/lib/db/transaction";
import { writeAudit } from "@/lib/audit/log";
import { lowStockByLocation } from "@/lib/inventory/low-stock-locations";
import { enqueue } from "@/lib/outbox/enqueue";
import { LOW_STOCK_DIGEST_TOPIC, lowStockDigestDedupeKey, type LowStockDigestPayload } from "@/lib/outbox/topics";
import { UserError } from "@/lib/errors";
import { hasRole } from "@/lib/auth/roles";
import type { SettingsActor } from "./access";
import { readStoreSettings } from "./store-settings";

/** Rows listed in one email; the email says how many more there are. */
export const DIGEST_MAX_ROWS = 200;

export const utcDay = (now: Date) => now.toISOString().slice(0, 10);

/** The settings' recipients, or every staff member's and administrator's email. */
export async function lowStockDigestRecipients(db: Db): Promise<string[]> {
  const { lowStockRecipients } = await readStoreSettings(db);
  if (lowStockRecipients.length > 0) return lowStockRecipients;
  const staff = await db.user.findMany({
    where: { role: { in: ["STAFF", "ADMIN"] } },
    select: { email: true },
    orderBy: { email: "asc" },
  });
  return staff.map((user) => user.email);
}

async function digestPayload(db: Db, trigger: LowStockDigestPayload["trigger"], now: Date) {
  const [{ rows, total }, recipients] = await Promise.all([
    lowStockByLocation(db, DIGEST_MAX_ROWS, now),
    lowStockDigestRecipients(db),
  ]);
  const payload: LowStockDigestPayload = {
    day: utcDay(now),
    trigger,
    recipients,
    generatedAt: now.toISOString(),
    total,
    items: rows.map((row) => ({
      sku: row.sku,
      product: row.productTitle,
      variant: row.variantTitle,
      location: row.locationName,
      available: row.available,
      threshold: row.lowStockThreshold,
    })),
  };
  return payload;
}

export type DailyDigestOutcome = "queued" | "already_queued" | "nothing_low" | "no_recipients";

/** The worker's daily check: queues today's digest unless one was queued today (by any worker). */
export async function queueDailyLowStockDigest(db: Db, now: Date = new Date()): Promise<DailyDigestOutcome> {
  const dedupeKey = lowStockDigestDedupeKey(utcDay(now));
  if (await db.outboxEvent.findUnique({ where: { dedupeKey }, select: { id: true } })) return "already_queued";
  const payload = await digestPayload(db, "daily", now);
  if (payload.total === 0) return "nothing_low";
  if (payload.recipients.length === 0) return "no_recipients";
  // Two workers may both get here: the dedupe key keeps one of the two INSERTs.
  const inserted = await enqueue(db, { topic: LOW_STOCK_DIGEST_TOPIC, payload: { ...payload }, dedupeKey });
  return inserted === 1 ? "queued" : "already_queued";
}

/** The inventory page's button (staff): a digest now, whatever was sent today. Returns how many rows are low. */
export async function queueLowStockDigestNow(
  db: Db,
  actor: SettingsActor | null,
  now: Date = new Date(),
): Promise<{ total: number; recipients: number }> {
  if (!actor?.id || !hasRole(actor.role, "STAFF")) {
    throw new UserError("forbidden", "You don't have permission to do that.");
  }
  const payload = await digestPayload(db, "manual", now);
  if (payload.recipients.length === 0) {
    throw new UserError("no_recipients", "Nobody would get the digest: add recipients in Settings.");
  }
  await runTransaction(db, async (tx) => {
    await enqueue(tx, { topic: LOW_STOCK_DIGEST_TOPIC, payload: { ...payload } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "inventory.low_stock_digest",
      entityType: "StoreSettings",
      entityId: "default",
      data: { total: payload.total, recipients: payload.recipients.length },
    });
  });
  return { total: payload.total, recipients: payload.recipients.length };
}
