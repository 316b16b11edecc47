// Caps on the stock that unpaid orders can hold. Placing an order reserves its units for
// RESERVATION_TTL_MINUTES; without caps a script (or one shopper with many emails) could hold a hot
// product's whole stock without paying. Three caps, each refused with a message and nothing written:
//   - per variant per order (UNPAID_HOLD_LIMIT_PER_VARIANT, default 10): one order cannot take a drop's
//     whole stock;
//   - per email (UNPAID_HOLD_LIMIT_PER_EMAIL, default 20) and per client address
//     (UNPAID_HOLD_LIMIT_PER_IP, default 40): units held by this order plus the email's / address's
//     other unpaid orders whose reservations are still live. The address cap is larger because shoppers
//     share addresses (offices, mobile carriers); it is skipped when the address is unknown, since
//     everyone without one would share a single bucket.
// 0 turns a cap off.
//
// Race safety: two placements of the same email (or address) must not both count the same "held so far"
// and together exceed the cap. Checkout's first statement takes a transaction-level advisory lock per
// email and per address (keys sorted, so two checkouts never wait on each other in opposite orders);
// a second checkout of the same shopper waits there until the first commits or rolls back. The count
// is read by a LATER statement of the same transaction (the first reservation's, as extra columns, so it
// costs no round trip of its own): under READ COMMITTED each statement takes a fresh snapshot, so it
// sees everything the shopper's previous checkout committed. Checkouts of different shoppers never
// wait on these locks.
import { createHash } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { wholeNumberSetting, type Env } from "@/lib/env-settings";
import { UserError } from "@/lib/errors";

export interface HoldLimits {
  /** Units of one variant in one order; 0 = no cap. */
  perVariantPerOrder: number;
  /** Units held by one email's unpaid orders, this one included; 0 = no cap. */
  perEmail: number;
  /** Units held by one address's unpaid orders, this one included; 0 = no cap. */
  perIp: number;
}

export const DEFAULT_HOLD_LIMITS: HoldLimits = { perVariantPerOrder: 10, perEmail: 20, perIp: 40 };

export function holdLimitsFromEnv(env: Env = process.env): HoldLimits {
  return {
    perVariantPerOrder: wholeNumberSetting(
      env,
      "UNPAID_HOLD_LIMIT_PER_VARIANT",
      DEFAULT_HOLD_LIMITS.perVariantPerOrder,
    ),
    perEmail: wholeNumberSetting(env, "UNPAID_HOLD_LIMIT_PER_EMAIL", DEFAULT_HOLD_LIMITS.perEmail),
    perIp: wholeNumberSetting(env, "UNPAID_HOLD_LIMIT_PER_IP", DEFAULT_HOLD_LIMITS.perIp),
  };
}

/**
 * What is stored on the order for the address cap: the SHA-256 of the normalised address (IPv6 as its
 * /64, lib/rate-limit/client-ip.ts). Pseudonymous, not anonymous (IPv4 space is small enough to
 * enumerate); null when the address is unknown.
 */
export function clientIpHash(ip: string | null | undefined): string | null {
  const value = ip?.trim();
  if (!value || value === "unknown") return null;
  return createHash("sha256").update(`order-ip:${value}`, "utf8").digest("hex");
}

/** Advisory lock keys for one checkout, sorted (see the header). */
export function holdLockKeys(email: string, ipHash: string | null, limits: HoldLimits): string[] {
  const keys: string[] = [];
  if (limits.perEmail > 0) keys.push(`hold:email:${email}`);
  if (limits.perIp > 0 && ipHash) keys.push(`hold:ip:${ipHash}`);
  return keys.sort();
}

/** The statement fragment that takes the locks (a column of checkout's first query). Text independent of data. */
export function holdLocksColumn(keys: readonly string[]): Prisma.Sql {
  return Prisma.sql`(SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0)))
     FROM (SELECT k FROM unnest(${keys}::text[]) AS k ORDER BY k) AS sorted_keys) AS "holdLocks"`;
}

function heldUnits(filter: Prisma.Sql, now: Date): Prisma.Sql {
  return Prisma.sql`(SELECT coalesce(sum(r.quantity), 0)::int
     FROM "Order" o JOIN "Reservation" r ON r."orderId" = o.id
     WHERE ${filter} AND o.status = 'PENDING_PAYMENT' AND r.status = 'ACTIVE' AND r."expiresAt" > ${now}::timestamp)`;
}

/** Columns "heldByEmail" and "heldByIp": units live reservations of other unpaid orders hold right now. */
export function heldUnitsColumns(email: string, ipHash: string | null, now: Date): Prisma.Sql {
  return Prisma.sql`${heldUnits(Prisma.sql`o.email = ${email}`, now)} AS "heldByEmail",
    ${heldUnits(Prisma.sql`o."placedIpHash" = ${ipHash}`, now)} AS "heldByIp"`;
}

/**
 * assertHoldCaps as a boolean SQL expression, for a statement that commits in the same round trip
 * (lib/db/commit-in-statement.ts): true when this order's units fit under both caps.
 */
export function holdCapsGuard(
  email: string,
  ipHash: string | null,
  now: Date,
  orderUnits: number,
  limits: HoldLimits,
): Prisma.Sql {
  return Prisma.sql`(${limits.perEmail}::int = 0
      OR ${heldUnits(Prisma.sql`o.email = ${email}`, now)} + ${orderUnits}::int <= ${limits.perEmail}::int)
    AND (${limits.perIp}::int = 0 OR ${ipHash}::text IS NULL
      OR ${heldUnits(Prisma.sql`o."placedIpHash" = ${ipHash}`, now)} + ${orderUnits}::int <= ${limits.perIp}::int)`;
}

const plural = (count: number) => `${count} item${count === 1 ? "" : "s"}`;

/** Refuses a line above the per-variant cap. `label` names the product for the shopper. */
export function assertVariantCap(
  lines: readonly { variantId: string; quantity: number; label: string }[],
  limits: HoldLimits,
): void {
  if (limits.perVariantPerOrder <= 0) return;
  const perVariant = new Map<string, { quantity: number; label: string }>();
  for (const line of lines) {
    const entry = perVariant.get(line.variantId) ?? { quantity: 0, label: line.label };
    entry.quantity += line.quantity;
    perVariant.set(line.variantId, entry);
  }
  const over = [...perVariant.values()].filter((entry) => entry.quantity > limits.perVariantPerOrder);
  if (over.length === 0) return;
  const names = over.map((entry) => `“${entry.label}”`).join(", ");
  throw new UserError(
    "hold_limit_variant",
    `One order can include at most ${limits.perVariantPerOrder} of each item (${names}). Lower the quantity in your cart; for a larger order, please contact us.`,
    { limit: limits.perVariantPerOrder },
  );
}

/** Refuses an order that would take the email's or the address's held units past its cap. */
export function assertHoldCaps(
  held: { orderUnits: number; byEmail: number; byIp: number; ipKnown: boolean },
  limits: HoldLimits,
  ttlMinutes: number,
): void {
  const checks: { limit: number; held: number }[] = [];
  if (limits.perEmail > 0) checks.push({ limit: limits.perEmail, held: held.byEmail });
  if (limits.perIp > 0 && held.ipKnown) checks.push({ limit: limits.perIp, held: held.byIp });
  const exceeded = checks.find((check) => check.held + held.orderUnits > check.limit);
  if (!exceeded) return;
  if (exceeded.held === 0) {
    throw new UserError(
      "hold_limit",
      `An order waiting for payment can hold at most ${plural(exceeded.limit)}; this one has ${held.orderUnits}. Remove some items, or split it into smaller orders and pay for each.`,
      { limit: exceeded.limit, held: 0 },
    );
  }
  throw new UserError(
    "hold_limit",
    `Your earlier orders are still waiting for payment and hold ${plural(exceeded.held)} (at most ${plural(exceeded.limit)} can wait at once). Pay for them, or wait up to ${ttlMinutes} minutes until their hold ends, then place this order again.`,
    { limit: exceeded.limit, held: exceeded.held },
  );
}
