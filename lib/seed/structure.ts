// The catalog's skeleton both seeds hang products on: the category tree, the brands, the warehouses and
// the colour family of every colour the products come in. Existing rows (matched by slug, code or colour)
// are kept as they are, so an admin's edits survive a re-seed.
import type { Prisma } from "@/lib/generated/prisma/client";
import { colourKey } from "@/lib/search/colour-families";
import { BRANDS, COLOURS } from "./catalog-data";
import { planCategories } from "./generate";
import { newId } from "@/lib/ids";
import { ensureLocations, type LocationCode } from "./store-config";

type Tx = Prisma.TransactionClient;

export interface CatalogStructure {
  categoryIds: ReadonlyMap<string, string>;
  brandIds: ReadonlyMap<string, string>;
  locationIds: Record<LocationCode, string>;
}

export async function ensureCatalogStructure(tx: Tx): Promise<CatalogStructure> {
  const categories = planCategories();
  const categoryIds = new Map<string, string>();
  const loadCategoryIds = async () => {
    const rows = await tx.category.findMany({
      where: { slug: { in: categories.map((c) => c.slug) } },
      select: { id: true, slug: true },
    });
    for (const row of rows) categoryIds.set(row.slug, row.id);
  };

  // Parents first: children need their parent's id, which may be an existing row's.
  const topLevel = categories.filter((category) => category.parentSlug === null);
  await tx.category.createMany({
    data: topLevel.map(({ parentSlug: _parent, ...category }) => ({ id: newId(), ...category })),
    skipDuplicates: true,
  });
  await loadCategoryIds();
  await tx.category.createMany({
    data: categories
      .filter((category) => category.parentSlug !== null)
      .map(({ parentSlug, ...category }) => {
        const parentId = categoryIds.get(parentSlug ?? "");
        if (!parentId) throw new Error(`Parent category ${parentSlug} is missing`);
        return { id: newId(), ...category, parentId };
      }),
    skipDuplicates: true,
  });
  await loadCategoryIds();

  await tx.brand.createMany({
    data: BRANDS.map((brand) => ({ id: newId(), slug: brand.slug, name: brand.name })),
    skipDuplicates: true,
  });
  const brandRows = await tx.brand.findMany({
    where: { slug: { in: BRANDS.map((b) => b.slug) } },
    select: { id: true, slug: true },
  });
  const brandIds = new Map(brandRows.map((row) => [row.slug, row.id]));

  await tx.colourFamilyMapping.createMany({
    data: COLOURS.map((colour) => ({ colour: colourKey(colour.name), family: colour.family })),
    skipDuplicates: true,
  });

  return { categoryIds, brandIds, locationIds: await ensureLocations(tx) };
}

export function requireId(ids: ReadonlyMap<string, string>, key: string, what: string): string {
  const id = ids.get(key);
  if (!id) throw new Error(`No ${what} with slug ${key}`);
  return id;
}
