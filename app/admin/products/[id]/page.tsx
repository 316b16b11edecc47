import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AdminPageHeader, Card, buttonClass } from "@/components/admin/ui";
import { FormSuccess } from "@/components/ui/field";
import { ImageManager } from "@/components/admin/products/image-manager";
import { ProductForm } from "@/components/admin/products/product-form";
import { ProductStatusBadge } from "@/components/admin/products/status-badge";
import { StatusForm } from "@/components/admin/products/status-form";
import { auditTrail } from "@/lib/audit/log";
import { requireAdminPage } from "@/lib/auth/guard";
import { maxImageBytes } from "@/lib/catalog/admin/image-files";
import { getProductFormChoices, getProductForEdit, productToFormValues } from "@/lib/catalog/admin/read";
import { idSchema } from "@/lib/ids";
import { firstValue, type SearchParamsRecord } from "@/lib/catalog/params";
import { productPath } from "@/lib/catalog/site";
import { prisma } from "@/lib/db";
import { setProductStatusAction, updateProductAction } from "@/app/admin/products/actions";
import { deleteImageAction, moveImageAction, updateImageAltAction } from "@/app/admin/products/[id]/actions";

export const metadata: Metadata = { title: "Edit product" };

const ACTION_LABELS: Record<string, string> = {
  "product.create": "Created",
  "product.update": "Edited",
  "product.status": "Status changed",
  "product.image.add": "Image added",
  "product.image.alt": "Alt text changed",
  "product.image.move": "Images reordered",
  "product.image.delete": "Image removed",
};

export default async function EditProductPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<SearchParamsRecord>;
}) {
  const { id } = await params;
  await requireAdminPage("STAFF", `/admin/products/${encodeURIComponent(id)}`);
  const productId = idSchema().safeParse(id);
  if (!productId.success) notFound();
  const [product, choices, history, query] = await Promise.all([
    getProductForEdit(prisma, productId.data),
    getProductFormChoices(prisma),
    auditTrail(prisma, "Product", productId.data, 8),
    searchParams,
  ]);
  if (!product) notFound();
  const created = firstValue(query.created) === "1";
  const stockByVariant = Object.fromEntries(
    product.variants.map((variant) => [
      variant.id,
      { onHand: variant.onHand, available: variant.available, inUse: variant.inUse },
    ]),
  );

  return (
    <div className="flex flex-col gap-6">
      <AdminPageHeader
        title={product.title}
        description={`/products/${product.slug}`}
        actions={
          <>
            <ProductStatusBadge status={product.status} />
            <Link href="/admin/products" className={buttonClass.secondary}>
              All products
            </Link>
          </>
        }
      />
      {created ? (
        <FormSuccess message="Product created. Add images below, and set it to Active when it is ready." />
      ) : null}

      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="flex min-w-0 flex-col gap-6">
          <ProductForm
            mode="edit"
            save={updateProductAction}
            productId={product.id}
            initial={productToFormValues(product)}
            updatedAt={product.updatedAt}
            currency={product.currency}
            choices={choices}
            stockByVariant={stockByVariant}
          />
          <Card title="Images">
            <ImageManager
              productId={product.id}
              productTitle={product.title}
              images={product.images}
              maxBytes={maxImageBytes()}
              actions={{ updateAlt: updateImageAltAction, move: moveImageAction, remove: deleteImageAction }}
            />
          </Card>
        </div>

        <aside className="flex flex-col gap-6">
          <Card>
            <StatusForm productId={product.id} status={product.status} setStatus={setProductStatusAction} />
          </Card>
          <Card title="In the store">
            {product.status === "ACTIVE" ? (
              <Link
                href={productPath(product.slug)}
                target="_blank"
                className="text-sm font-medium underline underline-offset-2"
              >
                View the product page<span className="sr-only"> (opens in a new tab)</span>
              </Link>
            ) : (
              <p className="text-sm text-zinc-600">
                Not visible: the product is {product.status === "DRAFT" ? "a draft" : "archived"}. Its page at{" "}
                <code className="text-xs">{productPath(product.slug)}</code> answers “not found” until it is active.
              </p>
            )}
          </Card>
          <Card title="History">
            {history.length === 0 ? (
              <p className="text-sm text-zinc-600">No changes recorded yet.</p>
            ) : (
              <ol className="flex flex-col gap-2 text-sm">
                {history.map((entry) => (
                  <li key={entry.id}>
                    <span className="font-medium">{ACTION_LABELS[entry.action] ?? entry.action}</span>
                    <span className="block text-xs text-zinc-500">
                      {entry.actor?.name ?? entry.actor?.email ?? "system"} ·{" "}
                      <time dateTime={entry.createdAt.toISOString()}>
                        {entry.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                      </time>
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </aside>
      </div>
    </div>
  );
}
