// Coupon administration, the scope pickers: the categories and products a coupon can be limited to.
import type { Db } from "@/lib/db";
import { containsPattern } from "@/lib/inventory/stock-sql";

export interface CategoryOption {
  id: string;
  /** "Apparel › T-shirts" */
  label: string;
}

/** Every category as an indented path, for the scope checkboxes (the tree is small). */
export async function categoryOptions(db: Db): Promise<CategoryOption[]> {
  const categories = await db.category.findMany({
    select: { id: true, name: true, parentId: true, position: true },
    orderBy: [{ position: "asc" }, { name: "asc" }],
  });
  const byId = new Map(categories.map((category) => [category.id, category]));
  const path = (id: string): string[] => {
    const names: string[] = [];
    for (
      let current = byId.get(id), depth = 0;
      current && depth < 32;
      current = current.parentId ? byId.get(current.parentId) : undefined, depth++
    ) {
      names.unshift(current.name);
    }
    return names;
  };
  return categories
    .map((category) => ({ id: category.id, label: path(category.id).join(" › ") }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

export interface ProductOption {
  id: string;
  title: string;
  status: string;
}

/** Products matching a title or SKU, for the scope picker (typed search, never the whole catalog). */
export async function searchProductOptions(db: Db, query: string, limit = 20): Promise<ProductOption[]> {
  const text = query.trim().slice(0, 100);
  if (text.length < 2) return [];
  const pattern = containsPattern(text);
  return db.$queryRaw<ProductOption[]>`
    SELECT p.id, p.title, p.status::text AS status FROM "Product" p
    WHERE p.title ILIKE ${pattern} OR p.slug ILIKE ${pattern}
       OR EXISTS (SELECT 1 FROM "Variant" v WHERE v."productId" = p.id AND v.sku ILIKE ${pattern})
    ORDER BY (p.status = 'ACTIVE') DESC, p.title
    LIMIT ${Math.min(Math.max(1, limit), 50)}`;
}
