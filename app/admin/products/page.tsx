import type { Metadata } from "next";
import Link from "next/link";
import {
  AdminPageHeader,
  Badge,
  DataTable,
  EmptyState,
  Pagination,
  buttonClass,
  TableHead,
  NumberCell,
} from "@/components/admin/ui";
import { FilterField, FilterForm, SearchFilter, filterControlClass } from "@/components/admin/list-filters";
import { ProductStatusBadge } from "@/components/admin/products/status-badge";
import { requireAdminPage } from "@/lib/auth/guard";
import {
  adminProductListHref,
  listAdminProducts,
  parseAdminProductListParams,
  type AdminProductListParams,
} from "@/lib/catalog/admin/list";
import { getProductFormChoices } from "@/lib/catalog/admin/read";
import { PRODUCT_STATUSES } from "@/lib/catalog/admin/schemas";
import type { SearchParamsRecord } from "@/lib/catalog/params";
import { prisma } from "@/lib/db";
import type { FormatMoney } from "@/lib/money";
import { getStoreMoneyFormatter } from "@/lib/settings/money-format";

export const metadata: Metadata = { title: "Products" };

const STATUS_LABELS = { ALL: "All", DRAFT: "Drafts", ACTIVE: "Active", ARCHIVED: "Archived" } as const;

function priceLabel(formatMoney: FormatMoney, min: number, max: number, currency: string): string {
  if (min === 0 && max === 0) return "—";
  return min === max ? formatMoney(min, currency) : `${formatMoney(min, currency)} – ${formatMoney(max, currency)}`;
}

export default async function AdminProductsPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  await requireAdminPage("STAFF", "/admin/products");
  const formatMoney = await getStoreMoneyFormatter();
  const params = parseAdminProductListParams(await searchParams);
  const [list, choices] = await Promise.all([listAdminProducts(prisma, params), getProductFormChoices(prisma)]);
  const hrefWith = (change: Partial<AdminProductListParams>) => adminProductListHref({ ...params, page: 1, ...change });
  const filtered = Boolean(params.q || params.categoryId || params.status);

  return (
    <div className="flex flex-col gap-6">
      <AdminPageHeader
        title="Products"
        description={`${list.statusCounts.ALL} product${list.statusCounts.ALL === 1 ? "" : "s"}${params.q || params.categoryId ? " match the search" : ""}. Only active products are visible in the store.`}
        actions={
          <>
            <Link href="/admin/products/import" className={buttonClass.secondary}>
              Import / export CSV
            </Link>
            <Link href="/admin/products/new" className={buttonClass.primary}>
              Add product
            </Link>
          </>
        }
      />

      <nav aria-label="Filter by status" className="flex flex-wrap gap-2">
        {(["ALL", ...PRODUCT_STATUSES] as const).map((status) => {
          const current = (params.status ?? "ALL") === status;
          return (
            <Link
              key={status}
              href={hrefWith({ status: status === "ALL" ? null : status })}
              aria-current={current ? "page" : undefined}
              className={`rounded-full border px-3 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 ${
                current ? "border-zinc-900 bg-zinc-900 text-white" : "border-zinc-300 bg-white hover:bg-zinc-100"
              }`}
            >
              {STATUS_LABELS[status]}{" "}
              <span className={current ? "text-zinc-300" : "text-zinc-500"}>{list.statusCounts[status]}</span>
            </Link>
          );
        })}
      </nav>

      <FilterForm action="/admin/products" clearable={filtered}>
        {params.status ? <input type="hidden" name="status" value={params.status.toLowerCase()} /> : null}
        <SearchFilter defaultValue={params.q} maxLength={100} placeholder="Title, URL name or SKU" />
        <FilterField label="Category">
          <select name="category" defaultValue={params.categoryId ?? ""} className={`max-w-72 ${filterControlClass}`}>
            <option value="">All categories</option>
            {choices.categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.label}
              </option>
            ))}
          </select>
        </FilterField>
      </FilterForm>

      {list.items.length === 0 ? (
        list.statusCounts.ALL === 0 && !filtered ? (
          <EmptyState title="No products yet">
            <Link href="/admin/products/new" className="font-medium underline underline-offset-2">
              Add the first product
            </Link>
          </EmptyState>
        ) : list.total > 0 ? (
          <EmptyState title="This page is past the end of the list">
            <Link href={hrefWith({})} className="font-medium underline underline-offset-2">
              Go to the first page
            </Link>
          </EmptyState>
        ) : (
          <EmptyState title="No products match">Try another search, status or category.</EmptyState>
        )
      ) : (
        <DataTable caption={`Products, page ${list.page} of ${list.totalPages}`}>
          <TableHead
            columns={[
              { label: "Image", srOnly: true, className: "w-14" },
              "Product",
              "Status",
              "Category",
              { label: "Variants", numeric: true },
              "Price",
              { label: "On hand", numeric: true },
              "Updated",
            ]}
          />
          <tbody>
            {list.items.map((product) => (
              <tr key={product.id}>
                <td>
                  {product.image ? (
                    // eslint-disable-next-line @next/next/no-img-element -- thumbnails of already-sized uploads
                    <img
                      src={product.image.url}
                      alt=""
                      width={40}
                      height={40}
                      loading="lazy"
                      className="h-10 w-10 rounded bg-zinc-100 object-cover"
                    />
                  ) : (
                    <span aria-hidden="true" className="block h-10 w-10 rounded bg-zinc-100" />
                  )}
                </td>
                <td>
                  <Link
                    href={`/admin/products/${encodeURIComponent(product.id)}`}
                    className="font-medium underline-offset-2 hover:underline focus-visible:outline-2"
                  >
                    {product.title}
                  </Link>
                  <div className="text-xs text-zinc-500">
                    {product.brandName ? `${product.brandName} · ` : ""}/{product.slug}
                  </div>
                </td>
                <td>
                  <ProductStatusBadge status={product.status} />
                </td>
                <td>{product.categoryName}</td>
                <NumberCell>{product.variantCount}</NumberCell>
                <td className="whitespace-nowrap tabular-nums">
                  {priceLabel(formatMoney, product.priceMinCents, product.priceMaxCents, product.currency)}
                </td>
                <NumberCell>{product.onHand === 0 ? <Badge tone="warn">0</Badge> : product.onHand}</NumberCell>
                <td className="whitespace-nowrap text-zinc-600">
                  <time dateTime={product.updatedAt}>{product.updatedAt.slice(0, 10)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      <Pagination
        page={list.page}
        pageCount={list.totalPages}
        hrefFor={(page) => adminProductListHref({ ...params, page })}
      />
    </div>
  );
}
