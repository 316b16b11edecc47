// Brands from /admin/settings/brands: create, rename (name, slug, SEO fields), delete when no product uses
// it. Audited in the same transaction; a rename queues its products' search documents (they carry the
// brand's name) through the outbox.
import { z } from "zod";
import type { Db } from "@/lib/db";
import { isUniqueViolation, runTransaction, type Tx } from "@/lib/db/transaction";
import { writeAudit } from "@/lib/audit/log";
import { invalidFields } from "@/lib/actions/result";
import { UserError } from "@/lib/errors";
import { enqueueProductsReindex } from "@/lib/outbox/search-reindex";
import { assertSettingsAdmin, type SettingsActor } from "./access";
import { recordId, requiredText, slugOrFromName, slugText } from "./fields";
import { auditSeoRecordUpdate, seoFields } from "./seo-record";

export async function listBrandsForAdmin(db: Db) {
  const rows = await db.brand.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      slug: true,
      seoTitle: true,
      seoDescription: true,
      _count: { select: { products: true } },
    },
  });
  return rows.map(({ _count, ...brand }) => ({ ...brand, productCount: _count.products }));
}

const brandFields = {
  name: requiredText("a name", 80),
  slug: slugText,
  ...seoFields,
};

export const createBrandInput = z
  .object(brandFields)
  .transform((input, context) => ({ ...input, slug: slugOrFromName(input.slug, input.name, context) }));
export const updateBrandInput = z
  .object({ id: recordId, ...brandFields })
  .transform((input, context) => ({ ...input, slug: slugOrFromName(input.slug, input.name, context) }));
export const deleteBrandInput = z.object({ id: recordId });

const SLUG_TAKEN = () => invalidFields({ slug: "Another brand already uses this slug." }, "slug_taken");

async function brandWrite<T>(db: Db, actor: SettingsActor | null, write: (tx: Tx, actor: SettingsActor) => Promise<T>) {
  assertSettingsAdmin(actor);
  try {
    return await runTransaction(db, (tx) => write(tx, actor));
  } catch (error) {
    if (isUniqueViolation(error)) throw SLUG_TAKEN();
    throw error;
  }
}

async function brandOrThrow(tx: Tx, id: string) {
  const brand = await tx.brand.findUnique({ where: { id } });
  if (!brand) throw new UserError("not_found", "This brand no longer exists.");
  return brand;
}

export function createBrand(db: Db, actor: SettingsActor | null, input: z.output<typeof createBrandInput>) {
  return brandWrite(db, actor, async (tx, admin) => {
    if (await tx.brand.findUnique({ where: { slug: input.slug }, select: { id: true } })) throw SLUG_TAKEN();
    const brand = await tx.brand.create({ data: input });
    await writeAudit(tx, {
      actorId: admin.id,
      action: "brand.create",
      entityType: "Brand",
      entityId: brand.id,
      data: input,
    });
    return { id: brand.id };
  });
}

/** Returns the slugs of the brand's products, whose pages show the brand. */
export function updateBrand(db: Db, actor: SettingsActor | null, input: z.output<typeof updateBrandInput>) {
  return brandWrite(db, actor, async (tx, admin) => {
    const before = await brandOrThrow(tx, input.id);
    const other = await tx.brand.findUnique({ where: { slug: input.slug }, select: { id: true } });
    if (other && other.id !== input.id) throw SLUG_TAKEN();
    const { id, ...data } = input;
    await tx.brand.update({ where: { id }, data });
    const products = await tx.product.findMany({ where: { brandId: id }, select: { id: true, slug: true } });
    if (before.name !== input.name)
      await enqueueProductsReindex(
        tx,
        products.map((product) => product.id),
      );
    await auditSeoRecordUpdate(tx, admin, {
      action: "brand.update",
      entityType: "Brand",
      entityId: id,
      before,
      after: data,
    });
    return { id, productSlugs: products.map((product) => product.slug) };
  });
}

export function deleteBrand(db: Db, actor: SettingsActor | null, input: z.output<typeof deleteBrandInput>) {
  return brandWrite(db, actor, async (tx, admin) => {
    const brand = await brandOrThrow(tx, input.id);
    // Locked: a product given this brand meanwhile waits for the delete (else it would lose the brand silently).
    await tx.$queryRaw`SELECT id FROM "Brand" WHERE id = ${brand.id} FOR UPDATE`;
    const products = await tx.product.count({ where: { brandId: brand.id } });
    if (products > 0) {
      throw new UserError(
        "brand_in_use",
        `“${brand.name}” is used by ${products} product${products === 1 ? "" : "s"}: change their brand first.`,
      );
    }
    await tx.brand.delete({ where: { id: brand.id } });
    await writeAudit(tx, {
      actorId: admin.id,
      action: "brand.delete",
      entityType: "Brand",
      entityId: brand.id,
      data: { name: brand.name, slug: brand.slug },
    });
    return { id: brand.id };
  });
}
