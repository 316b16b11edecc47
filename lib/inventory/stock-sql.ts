// SQL fragments for the admin's stock reads, computing availability exactly as
// lib/inventory/availability.ts does for the storefront, so the admin and the product page never disagree:
//   per level:    reserved shown = reserved − ACTIVE reservations already expired (the sweep frees them)
//                 available      = onHand − reserved shown
//   per variant:  Σ over ACTIVE locations of available, clamped at 0.
import { Prisma } from "@/lib/generated/prisma/client";

/** Units held by expired-but-unswept ACTIVE reservations at one (variant, location). */
export function expiredHeldSql(variantId: Prisma.Sql, locationId: Prisma.Sql, now: Date): Prisma.Sql {
  return Prisma.sql`COALESCE((
    SELECT SUM(r.quantity) FROM "Reservation" r
    WHERE r."variantId" = ${variantId} AND r."locationId" = ${locationId}
      AND r.status = 'ACTIVE' AND r."expiresAt" <= ${now}::timestamp
  ), 0)::int`;
}

/** A variant's total available units (the storefront's figure) for the variant id expression given. */
export function variantAvailableSql(variantId: Prisma.Sql, now: Date): Prisma.Sql {
  return Prisma.sql`GREATEST(0,
    COALESCE((
      SELECT SUM(al."onHand" - al.reserved) FROM "InventoryLevel" al
      JOIN "Location" aloc ON aloc.id = al."locationId" AND aloc.active
      WHERE al."variantId" = ${variantId}
    ), 0)
    + COALESCE((
      SELECT SUM(ar.quantity) FROM "Reservation" ar
      JOIN "Location" arloc ON arloc.id = ar."locationId" AND arloc.active
      WHERE ar."variantId" = ${variantId} AND ar.status = 'ACTIVE' AND ar."expiresAt" <= ${now}::timestamp
    ), 0)
  )::int`;
}

/** `%text%` for ILIKE with the user's own % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
