// Category reads. Plain functions over a Db (no Next APIs) so Vitest runs them against real PostgreSQL;
// pages go through the cached wrappers in lib/catalog/cached.ts.
import type { Db } from "@/lib/db";
import { ancestorsOf, buildCategoryTree } from "./category-tree";
import type { CategoryDetail, CategorySummary, CategoryTreeNode } from "./types";

/** Every category, parents and children alike, in the merchant's order. */
export async function listCategories(db: Db): Promise<CategorySummary[]> {
  const rows = await db.category.findMany({
    select: { id: true, slug: true, name: true, description: true, parentId: true },
    orderBy: [{ position: "asc" }, { name: "asc" }],
  });
  return rows.map((row) => ({ ...row }));
}

export async function listCategoryTree(db: Db): Promise<CategoryTreeNode[]> {
  return buildCategoryTree(await listCategories(db));
}

/** A category with its ancestors (breadcrumbs) and children (sub-navigation); null when unknown. */
export async function getCategoryBySlug(db: Db, slug: string): Promise<CategoryDetail | null> {
  const categories = await listCategories(db);
  const category = categories.find((c) => c.slug === slug);
  if (!category) return null;
  const seo = await db.category.findUnique({
    where: { id: category.id },
    select: { seoTitle: true, seoDescription: true },
  });
  return {
    ...category,
    seoTitle: seo?.seoTitle ?? null,
    seoDescription: seo?.seoDescription ?? null,
    ancestors: ancestorsOf(categories, category.id),
    children: categories.filter((c) => c.parentId === category.id),
  };
}

/** Every category slug, for prerendering category pages at build time. */
export async function listCategorySlugs(db: Db): Promise<string[]> {
  const rows = await db.category.findMany({ select: { slug: true }, orderBy: [{ position: "asc" }, { slug: "asc" }] });
  return rows.map((row) => row.slug);
}
