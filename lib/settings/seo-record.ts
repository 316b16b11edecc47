// What brands and categories share: a name, a slug unique among their kind, and the SEO fields of their
// storefront page; and the audit entry of an edit, which keeps what the record was next to what it became.
import type { Tx } from "@/lib/db/transaction";
import { writeAudit } from "@/lib/audit/log";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { SettingsActor } from "./access";
import { optionalText } from "./fields";

export const seoFields = {
  seoTitle: optionalText("the SEO title", 70),
  seoDescription: optionalText("the SEO description", 160),
};

export interface SeoRecord {
  name: string;
  slug: string;
  seoTitle: string | null;
  seoDescription: string | null;
}

/** Audits an edit of a brand or category: its fields before, and the validated input it was given. */
export async function auditSeoRecordUpdate(
  tx: Tx,
  admin: SettingsActor,
  entry: { action: string; entityType: string; entityId: string; before: SeoRecord; after: Prisma.InputJsonValue },
): Promise<void> {
  const { before, after, ...rest } = entry;
  await writeAudit(tx, {
    actorId: admin.id,
    ...rest,
    data: {
      before: {
        name: before.name,
        slug: before.slug,
        seoTitle: before.seoTitle,
        seoDescription: before.seoDescription,
      },
      after,
    },
  });
}
