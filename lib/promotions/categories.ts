// A product's category with all its ancestors, so a coupon or promotion on "Clothing" covers "T-shirts".
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import type { SqlTx } from "@/lib/db/transaction";

/** Each category id with all its ancestors (a coupon on a parent category covers its children). */
export async function withAncestorCategories(
  tx: Db | SqlTx,
  categoryIds: readonly string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(categoryIds.map((id) => [id, [id]]));
  if (categoryIds.length === 0) return result;
  // Depth-bounded: the tree is acyclic by construction, but a bad edit must not loop forever.
  const rows = await tx.$queryRaw<{ origin: string; ancestor: string }[]>`
    WITH RECURSIVE up(origin, id, "parentId", depth) AS (
      SELECT c.id, c.id, c."parentId", 0 FROM "Category" c WHERE c.id IN (${Prisma.join(categoryIds)})
      UNION ALL
      SELECT up.origin, p.id, p."parentId", up.depth + 1 FROM "Category" p JOIN up ON p.id = up."parentId"
      WHERE up.depth < 32
    )
    SELECT origin, id AS ancestor FROM up WHERE depth > 0`;
  for (const row of rows) result.get(row.origin)?.push(row.ancestor);
  return result;
}

export async function expandCategories<Line extends { categoryIds: readonly string[] }>(
  tx: Db | SqlTx,
  lines: readonly Line[],
): Promise<Line[]> {
  const ancestors = await withAncestorCategories(tx, [...new Set(lines.flatMap((line) => line.categoryIds))]);
  return lines.map((line) => ({
    ...line,
    categoryIds: [...new Set(line.categoryIds.flatMap((id) => ancestors.get(id) ?? [id]))],
  }));
}

/** A cart's lines and, read at most once however many rules ask (promotions, a coupon), their ancestors. */
export interface CategoryExpansion<Line extends { categoryIds: readonly string[] }> {
  lines: readonly Line[];
  withAncestors: () => Promise<Line[]>;
}

export function categoryExpansion<Line extends { categoryIds: readonly string[] }>(
  tx: Db | SqlTx,
  lines: readonly Line[],
): CategoryExpansion<Line> {
  let expanded: Promise<Line[]> | undefined;
  return { lines, withAncestors: () => (expanded ??= expandCategories(tx, lines)) };
}
