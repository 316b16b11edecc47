"use server";
// Product create, edit and status. Thin: the kit authorizes and parses the form (field errors keyed by
// input name), lib/catalog/admin does the work, then the storefront's cache tags are invalidated after the
// commit. refresh() re-renders this admin page with the saved data: a "max" revalidateTag alone does not.
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/actions/define-action";
import { idSchema } from "@/lib/ids";
import { formObject } from "@/lib/actions/form";
import { saved } from "@/lib/actions/saved";
import { revalidateProductPages } from "@/lib/catalog/admin/revalidate";
import { parseProductForm, productStatusInput } from "@/lib/catalog/admin/schemas";
import { createProduct, setProductStatus, updateProduct, type ProductSaved } from "@/lib/catalog/admin/write";
import { prisma } from "@/lib/db";
import { UserError } from "@/lib/errors";

function savedProduct(product: Omit<ProductSaved, "savedAt">): ProductSaved {
  revalidateProductPages(product);
  return saved({ id: product.id, slug: product.slug, updatedAt: product.updatedAt });
}

export const createProductAction = defineAction(
  { role: "staff", input: (form) => parseProductForm(formObject(form)), echo: true },
  async ({ input, user }) => {
    const created = await createProduct(prisma, user, input);
    revalidateProductPages(created);
    redirect(`/admin/products/${encodeURIComponent(created.id)}?created=1`);
  },
);

/** A product id that is not one is "no longer exists", before the form's own field errors. */
function parseUpdateForm(form: FormData) {
  const values = formObject(form);
  const productId = idSchema().safeParse(values.productId);
  if (!productId.success) throw new UserError("product_not_found", "This product no longer exists.");
  const product = parseProductForm(values);
  return product.ok ? { ok: true as const, data: { productId: productId.data, product: product.data } } : product;
}

export const updateProductAction = defineAction(
  { role: "staff", input: parseUpdateForm, echo: true },
  async ({ input, user }) => savedProduct(await updateProduct(prisma, user, input.productId, input.product)),
);

export const setProductStatusAction = defineAction(
  { role: "staff", input: productStatusInput },
  async ({ input, user }) => savedProduct(await setProductStatus(prisma, user, input.productId, input.status)),
);
