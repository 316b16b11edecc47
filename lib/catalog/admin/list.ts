// The admin product list: every status (unlike the storefront's reads), searchable by title, URL name or
// SKU, filtered by status and category (with its subcategories), paginated, with a count per status for
// the filter tabs. URL parameters are untrusted: anything unusable falls back to "no filter".
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { listCategories } from "@/lib/catalog/categories";
import { descendantIds } from "@/lib/catalog/category-tree";
import { firstValue, parsePage, totalPagesFor, type SearchParamsRecord } from "@/lib/catalog/params";
import { PRODUCT_STATUSES, type ProductStatusValue } from "./schemas";
import { searchText } from "@/lib/text";

export const ADMIN_PRODUCTS_PAGE_SIZE = 25;
const MAX_QUERY_LENGTH = 100;

export interface AdminProductListParams {
  q: string;
  status: ProductStatusValue | null;
  categoryId: string | null;
  page: number;
}

export function parseAdminProductListParams(params: SearchParamsRecord): AdminProductListParams {
  const q = searchText(firstValue(params.q), MAX_QUERY_LENGTH);
  const status = firstValue(params.status)?.toUpperCase();
  const category = firstValue(params.category) ?? "";
  return {
    q,
    status: PRODUCT_STATUSES.find((candidate) => candidate === status) ?? null,
    categoryId: /^[A-Za-z0-9_-]{1,64}$/.test(category) ? category : null,
    page: parsePage(params.page),
  };
}

/** The list URL with these filters (empty ones left out), for links and pagination. */
export function adminProductListHref(params: Partial<AdminProductListParams>): string {
  const query = new URLSearchParams();
  if (params.q) query.set("q", params.q);
  if (params.status) query.set("status", params.status.toLowerCase());
  if (params.categoryId) query.set("category", params.categoryId);
  if (params.page && params.page > 1) query.set("page", String(params.page));
  const text = query.toString();
  return text ? `/admin/products?${text}` : "/admin/products";
}

export interface AdminProductRow {
  id: string;
  title: string;
  slug: string;
  status: ProductStatusValue;
  categoryName: string;
  brandName: string | null;
  variantCount: number;
  priceMinCents: number;
  priceMaxCents: number;
  currency: string;
  image: { url: string; alt: string } | null;
  onHand: number;
  updatedAt: string;
}

export interface AdminProductList {
  items: AdminProductRow[];
  total: number;
  page: number;
  pageSize: number;
  totalPages: number;
  /** Products per status under the current search and category (the status filter itself aside). */
  statusCounts: Record<ProductStatusValue | "ALL", number>;
}

export async function listAdminProducts(db: Db, params: AdminProductListParams): Promise<AdminProductList> {
  const filters: Prisma.ProductWhereInput[] = [];
  if (params.q) {
    filters.push({
      OR: [
        { title: { contains: params.q, mode: "insensitive" } },
        { slug: { contains: params.q, mode: "insensitive" } },
        // SKUs are stored upper-case (./schemas.ts), so an upper-cased search uses no ILIKE on variants.
        { variants: { some: { sku: { contains: params.q.toUpperCase() } } } },
      ],
    });
  }
  if (params.categoryId) {
    const categories = await listCategories(db);
    // An unknown category id matches nothing rather than being silently ignored.
    filters.push({
      categoryId: {
        in: categories.some((c) => c.id === params.categoryId) ? descendantIds(categories, params.categoryId) : [],
      },
    });
  }
  const base: Prisma.ProductWhereInput = { AND: filters };
  const where: Prisma.ProductWhereInput = params.status ? { AND: [...filters, { status: params.status }] } : base;

  const pageSize = ADMIN_PRODUCTS_PAGE_SIZE;
  const skip = (params.page - 1) * pageSize;
  const [groups, rows] = await Promise.all([
    db.product.groupBy({ by: ["status"], where: base, _count: { _all: true } }),
    Number.isSafeInteger(skip)
      ? db.product.findMany({
          where,
          orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
          skip,
          take: pageSize,
          select: {
            id: true,
            title: true,
            slug: true,
            status: true,
            currency: true,
            priceMinCents: true,
            priceMaxCents: true,
            updatedAt: true,
            category: { select: { name: true } },
            brand: { select: { name: true } },
            images: { select: { url: true, alt: true }, orderBy: [{ position: "asc" }, { id: "asc" }], take: 1 },
            variants: { select: { id: true } },
          },
        })
      : Promise.resolve([]),
  ]);

  const statusCounts: AdminProductList["statusCounts"] = { ALL: 0, DRAFT: 0, ACTIVE: 0, ARCHIVED: 0 };
  for (const group of groups) {
    statusCounts[group.status] = group._count._all;
    statusCounts.ALL += group._count._all;
  }
  const total = params.status ? statusCounts[params.status] : statusCounts.ALL;

  const variantIds = rows.flatMap((row) => row.variants.map((variant) => variant.id));
  const levels = variantIds.length
    ? await db.inventoryLevel.groupBy({
        by: ["variantId"],
        where: { variantId: { in: variantIds } },
        _sum: { onHand: true },
      })
    : [];
  const onHandByVariant = new Map(levels.map((level) => [level.variantId, level._sum.onHand ?? 0]));

  return {
    items: rows.map((row) => ({
      id: row.id,
      title: row.title,
      slug: row.slug,
      status: row.status,
      categoryName: row.category.name,
      brandName: row.brand?.name ?? null,
      variantCount: row.variants.length,
      priceMinCents: row.priceMinCents,
      priceMaxCents: row.priceMaxCents,
      currency: row.currency,
      image: row.images[0] ?? null,
      onHand: row.variants.reduce((sum, variant) => sum + (onHandByVariant.get(variant.id) ?? 0), 0),
      updatedAt: row.updatedAt.toISOString(),
    })),
    total,
    page: params.page,
    pageSize,
    totalPages: totalPagesFor(total, pageSize),
    statusCounts,
  };
}
