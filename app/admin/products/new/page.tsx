import type { Metadata } from "next";
import Link from "next/link";
import { AdminPageHeader, EmptyState } from "@/components/admin/ui";
import { ProductForm } from "@/components/admin/products/product-form";
import { requireAdminPage } from "@/lib/auth/guard";
import { DEFAULT_LOW_STOCK_THRESHOLD } from "@/lib/catalog/admin/limits";
import { getProductFormChoices } from "@/lib/catalog/admin/read";
import { storeCurrency } from "@/lib/catalog/admin/schemas";
import { prisma } from "@/lib/db";
import { createProductAction } from "@/app/admin/products/actions";

export const metadata: Metadata = { title: "Add product" };

export default async function NewProductPage() {
  await requireAdminPage("STAFF", "/admin/products/new");
  const choices = await getProductFormChoices(prisma);
  return (
    <div className="flex flex-col gap-6">
      <AdminPageHeader
        title="Add product"
        description="Saved as a draft unless you choose Active. Images are added after the product is created."
        actions={
          <Link href="/admin/products" className="text-sm font-medium underline underline-offset-2">
            Back to products
          </Link>
        }
      />
      {choices.categories.length === 0 ? (
        <EmptyState title="There are no categories yet">
          Every product belongs to a category: add categories to the store first.
        </EmptyState>
      ) : (
        <ProductForm
          mode="create"
          save={createProductAction}
          initial={{ status: "DRAFT", "variants.0.lowStockThreshold": String(DEFAULT_LOW_STOCK_THRESHOLD) }}
          currency={storeCurrency()}
          choices={choices}
        />
      )}
    </div>
  );
}
