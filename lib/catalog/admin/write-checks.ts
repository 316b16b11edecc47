// The checks of a product save that need the database: SKUs and references that must be free or exist,
// what a unique violation at commit meant, and the staff price-change threshold (audited on refusal by
// ./write.ts, after the rollback).
import { currentRole, priceChangeNeedsAdmin, staffChangeLimits } from "@/lib/auth/staff-limits";
import { isUniqueViolation } from "@/lib/db/transaction";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { formatMoney } from "@/lib/money";
import { ProductFieldError } from "./errors";
import type { loadGrid } from "./grid";
import type { FieldErrors, ProductInput, VariantInput } from "./schemas";
import { slugTaken } from "./slug";

type Tx = Prisma.TransactionClient;

/** Another product's variants holding any of these SKUs, as field errors on the rows that typed them. */
export async function skuConflicts(
  db: Pick<Tx, "variant">,
  variants: readonly VariantInput[],
  productId?: string,
): Promise<FieldErrors> {
  const skus = [...new Set(variants.map((variant) => variant.sku))];
  if (skus.length === 0) return {};
  const taken = await db.variant.findMany({
    where: { sku: { in: skus }, ...(productId ? { productId: { not: productId } } : {}) },
    select: { sku: true, product: { select: { title: true } } },
  });
  const owner = new Map(taken.map((row) => [row.sku, row.product.title]));
  const errors: FieldErrors = {};
  variants.forEach((variant, index) => {
    const title = owner.get(variant.sku);
    if (title !== undefined) errors[`variants.${index}.sku`] = `This SKU is already used by “${title}”.`;
  });
  return errors;
}

/** Brand, category and stock location must exist (the ids come from selects the browser can forge). */
export async function referenceErrors(tx: Tx, input: ProductInput): Promise<FieldErrors> {
  const needsLocation = input.variants.some((variant) => !variant.id && variant.initialStock > 0);
  const [category, brand, location] = await Promise.all([
    tx.category.findUnique({ where: { id: input.categoryId }, select: { id: true } }),
    input.brandId ? tx.brand.findUnique({ where: { id: input.brandId }, select: { id: true } }) : null,
    input.stockLocationId && needsLocation
      ? tx.location.findUnique({ where: { id: input.stockLocationId }, select: { id: true, active: true } })
      : null,
  ]);
  const errors: FieldErrors = {};
  if (!category) errors.categoryId = "Choose a category from the list.";
  if (input.brandId && !brand) errors.brandId = "Choose a brand from the list.";
  if (needsLocation && !input.stockLocationId) errors.stockLocationId = "Choose where the initial stock is.";
  else if (needsLocation && (!location || !location.active))
    errors.stockLocationId = "Choose an active location from the list.";
  return errors;
}

/**
 * What a unique violation at commit meant: another save took one of these SKUs, or this slug, between
 * our checks and our insert. Re-running the checks now (the rival has committed) names the field.
 */
export async function explainConflict(
  db: Db,
  error: unknown,
  input: ProductInput,
  productId?: string,
): Promise<unknown> {
  if (!isUniqueViolation(error)) return error;
  const errors = await skuConflicts(db, input.variants, productId);
  if (Object.keys(errors).length > 0) return new ProductFieldError(errors);
  if (input.slug && (await slugTaken(db, input.slug, productId))) {
    return new ProductFieldError({ slug: "Another product already uses this URL name." });
  }
  return new UserError("conflict", "Someone else saved a conflicting change at the same moment. Please save again.");
}

/** Price changes beyond the staff threshold by someone who is not an admin; audited after the rollback. */
export class PriceChangeNeedsAdminError extends ProductFieldError {
  constructor(
    fieldErrors: FieldErrors,
    readonly role: Role | null,
    readonly changes: { sku: string; fromCents: number; toCents: number }[],
  ) {
    super(fieldErrors, "price_change_admin_only");
    this.name = "PriceChangeNeedsAdminError";
  }
}

/**
 * Refuses grid rows whose price moves more than STAFF_PRICE_CHANGE_MAX_PERCENT from the stored price when
 * the actor is not an admin (lib/auth/staff-limits.ts). New rows have no price to compare.
 */
export async function assertPriceChangesAllowed(
  tx: Tx,
  actor: { id: string },
  input: ProductInput,
  existing: Awaited<ReturnType<typeof loadGrid>>,
): Promise<void> {
  const limits = staffChangeLimits();
  const byId = new Map(existing.variants.map((variant) => [variant.id, variant]));
  const big = input.variants.flatMap((variant, index) => {
    const before = variant.id ? byId.get(variant.id) : undefined;
    return before && priceChangeNeedsAdmin(before.priceCents, variant.priceCents, limits)
      ? [{ index, sku: before.sku, fromCents: before.priceCents, toCents: variant.priceCents }]
      : [];
  });
  if (big.length === 0) return;
  const role = await currentRole(tx, actor.id);
  if (role === "ADMIN") return;
  const money = (cents: number) => formatMoney(cents, input.currency);
  const fieldErrors: FieldErrors = {};
  for (const change of big) {
    fieldErrors[`variants.${change.index}.price`] =
      `Only an admin can change a price by more than ${limits.priceChangeMaxPercent}% (${money(change.fromCents)} to ${money(change.toCents)}).`;
  }
  throw new PriceChangeNeedsAdminError(
    fieldErrors,
    role,
    big.map(({ sku, fromCents, toCents }) => ({ sku, fromCents, toCents })),
  );
}
