// Pure helpers over the flat category list. The tree is small (tens of rows) and cached as a whole, so
// walking it in memory is simpler and faster than recursive SQL for every page.
import type { CategoryLink, CategorySummary, CategoryTreeNode } from "./types";

/** Top-level categories, each with its direct children, in the merchant's order (the input's order). */
export function buildCategoryTree(categories: CategorySummary[]): CategoryTreeNode[] {
  return categories
    .filter((category) => category.parentId === null)
    .map((root) => ({ ...root, children: categories.filter((c) => c.parentId === root.id) }));
}

/** The category and every category below it, at any depth. Safe on a (corrupt) cycle. */
export function descendantIds(categories: CategorySummary[], rootId: string): string[] {
  const childrenOf = new Map<string, string[]>();
  for (const category of categories) {
    if (category.parentId === null) continue;
    const siblings = childrenOf.get(category.parentId) ?? [];
    siblings.push(category.id);
    childrenOf.set(category.parentId, siblings);
  }
  const seen = new Set<string>([rootId]);
  const queue = [rootId];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const child of childrenOf.get(id) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      queue.push(child);
    }
  }
  return [...seen];
}

/** Ancestors of a category from the root down, not including the category itself. */
export function ancestorsOf(categories: CategorySummary[], id: string): CategoryLink[] {
  const byId = new Map(categories.map((category) => [category.id, category]));
  const chain: CategoryLink[] = [];
  const seen = new Set<string>([id]);
  let parentId = byId.get(id)?.parentId ?? null;
  while (parentId !== null && !seen.has(parentId)) {
    const parent = byId.get(parentId);
    if (!parent) break;
    seen.add(parentId);
    chain.unshift({ slug: parent.slug, name: parent.name });
    parentId = parent.parentId;
  }
  return chain;
}
