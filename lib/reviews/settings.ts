// The store's review settings as an administrator sets them on /admin/reviews: whether a shopper's review
// goes live at once or waits for a moderator's approval. One row (id "default"); until an administrator
// saves it, reviews go live at once. Reading is for staff (the moderation page shows it), changing for
// administrators, audited.
import type { Db } from "@/lib/db";
import { runTransaction, type Tx } from "@/lib/db/transaction";
import { writeAudit } from "@/lib/audit/log";
import { hasRole, type Role } from "@/lib/auth/roles";
import { UserError } from "@/lib/errors";
import type { ReviewSettingsValues } from "./input";

const SETTINGS_ID = "default";

export interface ReviewSettings {
  /** New and edited reviews wait as PENDING until a moderator approves them. */
  requireApproval: boolean;
  /** Null until an administrator saved them (the defaults apply). */
  updatedAt: Date | null;
}

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = { requireApproval: false, updatedAt: null };

export interface ReviewActor {
  id: string;
  role: Role;
}

export async function readReviewSettings(db: Db | Tx): Promise<ReviewSettings> {
  const row = await db.reviewSettings.findUnique({ where: { id: SETTINGS_ID } });
  return row ? { requireApproval: row.requireApproval, updatedAt: row.updatedAt } : DEFAULT_REVIEW_SETTINGS;
}

/** Saves settings parsed with reviewSettingsInput (the action's schema); administrators only. */
export async function updateReviewSettings(
  db: Db,
  actor: ReviewActor,
  values: ReviewSettingsValues,
): Promise<ReviewSettings> {
  if (!actor?.id || !hasRole(actor.role, "ADMIN")) {
    throw new UserError("forbidden", "Only administrators can change the review settings.");
  }
  const data = { requireApproval: values.requireApproval, updatedById: actor.id };
  return runTransaction(db, async (tx) => {
    await tx.reviewSettings.upsert({ where: { id: SETTINGS_ID }, create: { id: SETTINGS_ID, ...data }, update: data });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "review.settings.update",
      entityType: "ReviewSettings",
      entityId: SETTINGS_ID,
      data: { requireApproval: values.requireApproval },
    });
    return readReviewSettings(tx);
  });
}
