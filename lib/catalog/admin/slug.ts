// Product URLs (/products/<slug>). A slug is lower-case ASCII words joined by hyphens; a title becomes one
// with the same rule as the seed (slugify in lib/text.ts), and a taken slug gets "-2", "-3", ... on create.
import { slugify } from "@/lib/text";
import type { Prisma } from "@/lib/generated/prisma/client";

export const MAX_SLUG_LENGTH = 120;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** "Ridge Tee (Black)" -> "ridge-tee-black", cut at a hyphen so it stays readable; "" when nothing is left. */
export function toSlug(text: string): string {
  const slug = slugify(text);
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  const cut = slug.slice(0, MAX_SLUG_LENGTH);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > MAX_SLUG_LENGTH / 2 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, "");
}

type SlugReader = Pick<Prisma.TransactionClient, "product">;

/**
 * `base` if no other product has it, otherwise the first free `base-N`. Reads in one query: every taken
 * slug that starts with the base. A concurrent create can still take the same slug between this read
 * and the insert; the unique index refuses the second, and the caller reports it (see ./errors.ts).
 */
export async function uniqueSlug(db: SlugReader, base: string, excludeProductId?: string): Promise<string> {
  const root = base.slice(0, MAX_SLUG_LENGTH - 6).replace(/-+$/, "") || "product";
  const rows = await db.product.findMany({
    where: { slug: { startsWith: root }, ...(excludeProductId ? { id: { not: excludeProductId } } : {}) },
    select: { slug: true },
  });
  const taken = new Set(rows.map((row) => row.slug));
  if (base === root && !taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${root}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Whether another product already uses `slug`. */
export async function slugTaken(db: SlugReader, slug: string, excludeProductId?: string): Promise<boolean> {
  const row = await db.product.findFirst({
    where: { slug, ...(excludeProductId ? { id: { not: excludeProductId } } : {}) },
    select: { id: true },
  });
  return row !== null;
}
