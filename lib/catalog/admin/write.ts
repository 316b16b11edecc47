// Creating and editing products. Each write is one transaction holding the change, its audit entry and
// the search outbox event, so the index and the trail can never disagree with the catalog. Cache tags
// are the caller's job after commit (a server action: see app/admin/products/actions.ts), using the
// slugs returned here.
import { writeAudit } from "@/lib/audit/log";
import { writeStaffRefusal } from "@/lib/auth/staff-limits";
import { listCategories } from "@/lib/catalog/categories";
import { ancestorsOf } from "@/lib/catalog/category-tree";
import { runTransaction } from "@/lib/db/transaction";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ProductStatus } from "@/lib/generated/prisma/enums";
import { enqueueProductReindex } from "@/lib/outbox/search-reindex";
import { ProductFieldError } from "./errors";
import {
  assertPriceChangesAllowed,
  explainConflict,
  PriceChangeNeedsAdminError,
  referenceErrors,
  skuConflicts,
} from "./write-checks";
import { EMPTY_GRID, loadGrid, syncGrid } from "./grid";
import type { FieldErrors, ProductInput, ProductStatusValue, VariantInput } from "./schemas";
import { slugTaken, toSlug, uniqueSlug } from "./slug";

type Tx = Prisma.TransactionClient;

/** Who is acting: the signed-in staff member (SessionUser fits). */
export interface Actor {
  id: string;
}

export interface ProductWriteResult {
  id: string;
  slug: string;
  /** The slug before this write when it changed (its cached page must go too), else null. */
  previousSlug: string | null;
  status: ProductStatus;
  updatedAt: string;
  /** Categories whose listings can show the product, before and after, with their ancestors. */
  categorySlugs: string[];
}

/** What the admin actions answer after a save. */
export interface ProductSaved {
  id: string;
  slug: string;
  updatedAt: string;
  /** Distinguishes two saves with the same data, so the form announces each one. */
  savedAt: number;
}

const NOT_FOUND = "This product no longer exists.";

function priceRange(variants: readonly VariantInput[]): { priceMinCents: number; priceMaxCents: number } {
  const prices = variants.map((variant) => variant.priceCents);
  return { priceMinCents: Math.min(...prices), priceMaxCents: Math.max(...prices) };
}

function productData(input: ProductInput, status: ProductStatusValue) {
  return {
    title: input.title,
    description: input.description,
    brandId: input.brandId,
    categoryId: input.categoryId,
    status,
    featured: input.featured,
    audience: input.audience,
    tags: input.tags,
    seoTitle: input.seoTitle,
    seoDescription: input.seoDescription,
    ...priceRange(input.variants),
  };
}

/** Slugs of the given categories and all their ancestors, for cache tags. Read after commit. */
async function categorySlugsFor(db: Db, categoryIds: readonly string[]): Promise<string[]> {
  const categories = await listCategories(db);
  const slugs = new Set<string>();
  for (const id of categoryIds) {
    const category = categories.find((candidate) => candidate.id === id);
    if (!category) continue;
    slugs.add(category.slug);
    for (const ancestor of ancestorsOf(categories, id)) slugs.add(ancestor.slug);
  }
  return [...slugs];
}

async function lockProduct(tx: Tx, productId: string): Promise<void> {
  // Two staff saving the same product one after the other, never interleaved.
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Product" WHERE "id" = ${productId} FOR UPDATE`;
  if (rows.length === 0) throw new UserError("product_not_found", NOT_FOUND);
}

export async function createProduct(db: Db, actor: Actor, input: ProductInput): Promise<ProductWriteResult> {
  let created;
  try {
    created = await runTransaction(db, async (tx) => {
      const errors: FieldErrors = {
        ...(await referenceErrors(tx, input)),
        ...(await skuConflicts(tx, input.variants)),
      };
      if (input.slug && (await slugTaken(tx, input.slug))) errors.slug = "Another product already uses this URL name.";
      if (Object.keys(errors).length > 0) throw new ProductFieldError(errors);
      const slug = input.slug ?? (await uniqueSlug(tx, toSlug(input.title) || "product"));
      const status = input.status ?? ProductStatus.DRAFT;

      const product = await tx.product.create({
        data: {
          ...productData(input, status),
          slug,
          currency: input.currency,
          publishedAt: status === ProductStatus.ACTIVE ? new Date() : null,
        },
        select: { id: true, slug: true, status: true, updatedAt: true, categoryId: true },
      });
      const changes = await syncGrid(
        tx,
        product.id,
        input,
        EMPTY_GRID,
        input.stockLocationId ? { locationId: input.stockLocationId, actorId: actor.id } : null,
      );
      await writeAudit(tx, {
        actorId: actor.id,
        action: "product.create",
        entityType: "Product",
        entityId: product.id,
        data: {
          title: input.title,
          slug,
          status,
          options: changes.options.after,
          variants: changes.added,
          initialStock: changes.initialStock,
          ...(changes.initialStock.length > 0 ? { stockLocationId: input.stockLocationId } : {}),
        },
      });
      await enqueueProductReindex(tx, product.id);
      return product;
    });
  } catch (error) {
    throw await explainConflict(db, error, input);
  }
  return {
    id: created.id,
    slug: created.slug,
    previousSlug: null,
    status: created.status,
    updatedAt: created.updatedAt.toISOString(),
    categorySlugs: await categorySlugsFor(db, [created.categoryId]),
  };
}

const AUDITED_FIELDS = [
  "title",
  "slug",
  "description",
  "brandId",
  "categoryId",
  "status",
  "featured",
  "audience",
  "seoTitle",
  "seoDescription",
] as const;

export async function updateProduct(
  db: Db,
  actor: Actor,
  productId: string,
  input: ProductInput,
): Promise<ProductWriteResult> {
  let outcome;
  try {
    outcome = await runTransaction(db, async (tx) => {
      await lockProduct(tx, productId);
      const before = await tx.product.findUniqueOrThrow({
        where: { id: productId },
        select: {
          id: true,
          slug: true,
          title: true,
          description: true,
          brandId: true,
          categoryId: true,
          status: true,
          featured: true,
          audience: true,
          tags: true,
          seoTitle: true,
          seoDescription: true,
          currency: true,
          publishedAt: true,
          updatedAt: true,
        },
      });
      if (input.updatedAt && input.updatedAt !== before.updatedAt.toISOString()) {
        throw new UserError(
          "stale_product",
          "Someone saved this product after you opened it. Reload the page to see their changes, then make yours again.",
        );
      }
      if (before.currency !== input.currency) {
        throw new UserError(
          "currency_mismatch",
          `This product is priced in ${before.currency}; the store now sells in ${input.currency}.`,
        );
      }

      const errors: FieldErrors = {
        ...(await referenceErrors(tx, input)),
        ...(await skuConflicts(tx, input.variants, productId)),
      };
      if (input.slug && input.slug !== before.slug && (await slugTaken(tx, input.slug, productId))) {
        errors.slug = "Another product already uses this URL name.";
      }
      if (Object.keys(errors).length > 0) throw new ProductFieldError(errors);

      // A cleared URL name is generated again from the title (the same as on create).
      const generated = toSlug(input.title) || "product";
      const slug = input.slug ?? (generated === before.slug ? before.slug : await uniqueSlug(tx, generated, productId));

      const status = input.status ?? before.status;
      const existing = await loadGrid(tx, productId);
      await assertPriceChangesAllowed(tx, actor, input, existing);
      const changes = await syncGrid(
        tx,
        productId,
        input,
        existing,
        input.stockLocationId ? { locationId: input.stockLocationId, actorId: actor.id } : null,
      );
      const after = await tx.product.update({
        where: { id: productId },
        data: {
          ...productData(input, status),
          slug,
          publishedAt: before.publishedAt ?? (status === ProductStatus.ACTIVE ? new Date() : null),
        },
        select: { id: true, slug: true, status: true, updatedAt: true, categoryId: true },
      });

      const next = { ...productData(input, status), slug } as Record<string, unknown>;
      const fields: Record<string, [unknown, unknown]> = {};
      for (const field of AUDITED_FIELDS) {
        // The description is long: the trail says that it changed, not what it said.
        if (before[field] !== next[field])
          fields[field] = field === "description" ? ["(changed)", "(changed)"] : [before[field], next[field]];
      }
      if (before.tags.join(",") !== input.tags.join(",")) fields.tags = [before.tags, input.tags];
      await writeAudit(tx, {
        actorId: actor.id,
        action: "product.update",
        entityType: "Product",
        entityId: productId,
        data: {
          fields,
          variants: { added: changes.added, removed: changes.removed, changed: changes.changed },
          options: changes.options,
          initialStock: changes.initialStock,
        } as Prisma.InputJsonValue,
      });
      await enqueueProductReindex(tx, productId);
      return { before, after };
    });
  } catch (error) {
    if (error instanceof PriceChangeNeedsAdminError) {
      // The refused save rolled back: its audit entry is written on its own.
      await writeStaffRefusal(db, {
        actorId: actor.id,
        role: error.role,
        action: "product.update",
        entityType: "Product",
        entityId: productId,
        data: { priceChanges: error.changes },
      });
    }
    throw await explainConflict(db, error, input, productId);
  }
  const { before, after } = outcome;
  return {
    id: after.id,
    slug: after.slug,
    previousSlug: before.slug !== after.slug ? before.slug : null,
    status: after.status,
    updatedAt: after.updatedAt.toISOString(),
    categorySlugs: await categorySlugsFor(db, [...new Set([before.categoryId, after.categoryId])]),
  };
}

/** Draft, active or archived. Only active products exist for shoppers (lib/catalog/products.ts). */
export async function setProductStatus(
  db: Db,
  actor: Actor,
  productId: string,
  status: ProductStatusValue,
): Promise<ProductWriteResult> {
  const outcome = await runTransaction(db, async (tx) => {
    await lockProduct(tx, productId);
    const select = {
      id: true,
      slug: true,
      status: true,
      updatedAt: true,
      categoryId: true,
      publishedAt: true,
    } as const;
    const before = await tx.product.findUniqueOrThrow({ where: { id: productId }, select });
    // Setting the status it already has (a double click) changes nothing and records nothing.
    if (before.status === status) return before;
    const after = await tx.product.update({
      where: { id: productId },
      data: { status, publishedAt: before.publishedAt ?? (status === ProductStatus.ACTIVE ? new Date() : null) },
      select,
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "product.status",
      entityType: "Product",
      entityId: productId,
      data: { from: before.status, to: status },
    });
    await enqueueProductReindex(tx, productId);
    return after;
  });
  return {
    id: outcome.id,
    slug: outcome.slug,
    previousSlug: null,
    status: outcome.status,
    updatedAt: outcome.updatedAt.toISOString(),
    categorySlugs: await categorySlugsFor(db, [outcome.categoryId]),
  };
}
