// Who may change the store settings: administrators only (staff read them). Checked in lib/ as well as by
// each action's declared role, so a script or a future caller cannot skip it.
import type { Tx } from "@/lib/db/transaction";
import { hasRole } from "@/lib/auth/roles";
import { UserError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";

export interface SettingsActor {
  id: string;
  role: Role;
}

export function assertSettingsAdmin(actor: SettingsActor | null | undefined): asserts actor is SettingsActor {
  if (!actor?.id || !hasRole(actor.role, "ADMIN")) {
    throw new UserError("forbidden", "Only administrators can change the store settings.");
  }
}

/** Serialises every write of one settings area (the category tree: two moves must not make a cycle). */
export async function lockSettingsArea(tx: Pick<Tx, "$executeRaw">, area: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`settings:${area}`}, 0))`;
}
