// The category tree from /admin/settings/categories: create, rename (name, slug, SEO fields), move under
// another parent (never under itself or its own descendants), reorder among siblings, delete when empty.
// Every write takes the tree's lock (two concurrent moves must not make a cycle between them), is audited
// in its transaction, and queues the search documents of the products it changes (their category path)
// through the outbox. Each returns the category slugs whose pages the caller expires after the commit.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { isUniqueViolation, runTransaction, type Tx } from "@/lib/db/transaction";
import { writeAudit } from "@/lib/audit/log";
import { invalidFields } from "@/lib/actions/result";
import { UserError } from "@/lib/errors";
import { enqueueProductsReindex } from "@/lib/outbox/search-reindex";
import { optionalIdSchema } from "@/lib/ids";
import { assertSettingsAdmin, lockSettingsArea, type SettingsActor } from "./access";
import { recordId, requiredText, slugOrFromName, slugText } from "./fields";
import { auditSeoRecordUpdate, seoFields } from "./seo-record";

export interface AdminCategory {
  id: string;
  name: string;
  slug: string;
  parentId: string | null;
  position: number;
  seoTitle: string | null;
  seoDescription: string | null;
  depth: number;
  productCount: number;
  childCount: number;
}

/** The whole tree, depth-first in display order (position, then name), with what each holds. */
export async function listCategoryTreeForAdmin(db: Db): Promise<AdminCategory[]> {
  const rows = await db.category.findMany({
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      slug: true,
      parentId: true,
      position: true,
      seoTitle: true,
      seoDescription: true,
      _count: { select: { products: true, children: true } },
    },
  });
  const byParent = new Map<string | null, typeof rows>();
  for (const row of rows) byParent.set(row.parentId, [...(byParent.get(row.parentId) ?? []), row]);
  const out: AdminCategory[] = [];
  const seen = new Set<string>();
  const walk = (parentId: string | null, depth: number) => {
    for (const row of byParent.get(parentId) ?? []) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      const { _count, ...category } = row;
      out.push({ ...category, depth, productCount: _count.products, childCount: _count.children });
      walk(row.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** Empty: a top-level category. */
const parentField = optionalIdSchema();

export const createCategoryInput = z
  .object({ name: requiredText("a name", 80), slug: slugText, parentId: parentField, ...seoFields })
  .transform((input, context) => ({ ...input, slug: slugOrFromName(input.slug, input.name, context) }));

export const updateCategoryInput = z
  .object({ id: recordId, name: requiredText("a name", 80), slug: slugText, ...seoFields })
  .transform((input, context) => ({ ...input, slug: slugOrFromName(input.slug, input.name, context) }));

export const moveCategoryInput = z.object({ id: recordId, parentId: parentField });
export const reorderCategoryInput = z.object({ id: recordId, direction: z.enum(["up", "down"]) });
export const deleteCategoryInput = z.object({ id: recordId });

export interface CategoryChange {
  id: string;
  /** Category pages to expire: the old and new slugs, and the parents' (their listings show children). */
  slugs: string[];
}

const SLUG_TAKEN = () => invalidFields({ slug: "Another category already uses this slug." }, "slug_taken");

async function categoryOrThrow(tx: Tx, id: string) {
  const category = await tx.category.findUnique({ where: { id } });
  if (!category) throw new UserError("not_found", "This category no longer exists.");
  return category;
}

/** The category's own id and every descendant's (recursive, so any depth). */
async function subtreeIds(tx: Tx, id: string): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE tree AS (
      SELECT id FROM "Category" WHERE id = ${id}
      UNION SELECT c.id FROM "Category" c JOIN tree t ON c."parentId" = t.id
    ) SELECT id FROM tree`;
  return rows.map((row) => row.id);
}

/** Search documents carry the category path: every product under the subtree is reindexed. */
async function reindexSubtree(tx: Tx, categoryId: string): Promise<number> {
  const ids = await subtreeIds(tx, categoryId);
  const products = await tx.product.findMany({ where: { categoryId: { in: ids } }, select: { id: true } });
  await enqueueProductsReindex(
    tx,
    products.map((product) => product.id),
  );
  return products.length;
}

async function slugsOf(tx: Tx, ids: readonly (string | null)[]): Promise<string[]> {
  const wanted = ids.filter((id): id is string => id !== null);
  if (wanted.length === 0) return [];
  const rows = await tx.category.findMany({ where: { id: { in: wanted } }, select: { slug: true } });
  return rows.map((row) => row.slug);
}

async function nextPosition(tx: Tx, parentId: string | null): Promise<number> {
  const last = await tx.category.aggregate({ where: { parentId }, _max: { position: true } });
  return (last._max.position ?? -1) + 1;
}

/** Runs a tree write under the tree's lock; a slug taken meanwhile becomes the slug field's message. */
async function treeWrite<T>(db: Db, actor: SettingsActor | null, write: (tx: Tx, actor: SettingsActor) => Promise<T>) {
  assertSettingsAdmin(actor);
  try {
    return await runTransaction(db, async (tx) => {
      await lockSettingsArea(tx, "category-tree");
      return write(tx, actor);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw SLUG_TAKEN();
    throw error;
  }
}

export function createCategory(
  db: Db,
  actor: SettingsActor | null,
  input: z.output<typeof createCategoryInput>,
): Promise<CategoryChange> {
  return treeWrite(db, actor, async (tx, admin) => {
    if (input.parentId) await categoryOrThrow(tx, input.parentId);
    if (await tx.category.findUnique({ where: { slug: input.slug }, select: { id: true } })) throw SLUG_TAKEN();
    const category = await tx.category.create({
      data: { ...input, position: await nextPosition(tx, input.parentId) },
    });
    await writeAudit(tx, {
      actorId: admin.id,
      action: "category.create",
      entityType: "Category",
      entityId: category.id,
      data: input,
    });
    return { id: category.id, slugs: [category.slug, ...(await slugsOf(tx, [input.parentId]))] };
  });
}

export function updateCategory(
  db: Db,
  actor: SettingsActor | null,
  input: z.output<typeof updateCategoryInput>,
): Promise<CategoryChange> {
  return treeWrite(db, actor, async (tx, admin) => {
    const before = await categoryOrThrow(tx, input.id);
    const other = await tx.category.findUnique({ where: { slug: input.slug }, select: { id: true } });
    if (other && other.id !== input.id) throw SLUG_TAKEN();
    const { id, ...data } = input;
    await tx.category.update({ where: { id }, data });
    // Only the name and slug are in search documents (SEO fields are not).
    if (before.name !== input.name || before.slug !== input.slug) await reindexSubtree(tx, id);
    await auditSeoRecordUpdate(tx, admin, {
      action: "category.update",
      entityType: "Category",
      entityId: id,
      before,
      after: data,
    });
    return { id, slugs: [before.slug, input.slug, ...(await slugsOf(tx, [before.parentId]))] };
  });
}

export function moveCategory(
  db: Db,
  actor: SettingsActor | null,
  input: z.output<typeof moveCategoryInput>,
): Promise<CategoryChange> {
  return treeWrite(db, actor, async (tx, admin) => {
    const category = await categoryOrThrow(tx, input.id);
    if (input.parentId) {
      await categoryOrThrow(tx, input.parentId);
      // Under the tree's lock, so no concurrent move can change the subtree between this check and the write.
      if ((await subtreeIds(tx, input.id)).includes(input.parentId)) {
        throw invalidFields(
          { parentId: "A category cannot move under itself or one of its own subcategories." },
          "category_cycle",
        );
      }
    }
    if (category.parentId === input.parentId) return { id: category.id, slugs: [] };
    await tx.category.update({
      where: { id: input.id },
      data: { parentId: input.parentId, position: await nextPosition(tx, input.parentId) },
    });
    await reindexSubtree(tx, input.id);
    await writeAudit(tx, {
      actorId: admin.id,
      action: "category.move",
      entityType: "Category",
      entityId: input.id,
      data: { fromParentId: category.parentId, toParentId: input.parentId },
    });
    return { id: input.id, slugs: [category.slug, ...(await slugsOf(tx, [category.parentId, input.parentId]))] };
  });
}

/** Swaps the category with its sibling before or after it; positions are renumbered 0..n-1 on the way. */
export function reorderCategory(
  db: Db,
  actor: SettingsActor | null,
  input: z.output<typeof reorderCategoryInput>,
): Promise<CategoryChange> {
  return treeWrite(db, actor, async (tx, admin) => {
    const category = await categoryOrThrow(tx, input.id);
    const siblings = await tx.category.findMany({
      where: { parentId: category.parentId },
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: { id: true },
    });
    const order = siblings.map((sibling) => sibling.id);
    const from = order.indexOf(category.id);
    const to = input.direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= order.length) return { id: category.id, slugs: [] };
    [order[from], order[to]] = [order[to]!, order[from]!];
    for (const [position, id] of order.entries()) await tx.category.update({ where: { id }, data: { position } });
    await writeAudit(tx, {
      actorId: admin.id,
      action: "category.reorder",
      entityType: "Category",
      entityId: category.id,
      data: { direction: input.direction, position: to },
    });
    return { id: category.id, slugs: await slugsOf(tx, [category.parentId]) };
  });
}

/** Only an empty category: no products, no subcategories, and no coupon limited to it. */
export function deleteCategory(
  db: Db,
  actor: SettingsActor | null,
  input: z.output<typeof deleteCategoryInput>,
): Promise<CategoryChange> {
  return treeWrite(db, actor, async (tx, admin) => {
    const category = await categoryOrThrow(tx, input.id);
    // Locked: a product saved into this category meanwhile waits for the delete, then fails its foreign key.
    await tx.$queryRaw`SELECT id FROM "Category" WHERE id = ${category.id} FOR UPDATE`;
    const products = await tx.product.count({ where: { categoryId: category.id } });
    const children = await tx.category.count({ where: { parentId: category.id } });
    const coupons = await tx.couponCategory.count({ where: { categoryId: category.id } });
    const reasons = [
      products > 0 ? `${products} product${products === 1 ? "" : "s"}` : null,
      children > 0 ? `${children} subcategor${children === 1 ? "y" : "ies"}` : null,
      coupons > 0 ? `${coupons} coupon${coupons === 1 ? "" : "s"} limited to it` : null,
    ].filter(Boolean);
    if (reasons.length > 0) {
      throw new UserError(
        "category_not_empty",
        `“${category.name}” still has ${reasons.join(" and ")}: move or delete them first.`,
      );
    }
    await tx.category.delete({ where: { id: category.id } });
    await writeAudit(tx, {
      actorId: admin.id,
      action: "category.delete",
      entityType: "Category",
      entityId: category.id,
      data: { name: category.name, slug: category.slug, parentId: category.parentId },
    });
    return { id: category.id, slugs: [category.slug, ...(await slugsOf(tx, [category.parentId]))] };
  });
}
