"use server";
// Product create, edit and status. Thin: authorize first, parse the form (field errors keyed by input
// name), call lib/catalog/admin, then invalidate the storefront's cache tags after the commit.
// refresh() re-renders this admin page with the saved data: a "max" revalidateTag alone does not.
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { formObject, invalidInput, ok, type ActionResult } from "@/lib/actions/result";
import { authorizeAdminAction } from "@/lib/auth/guard";
import { fieldErrorResult, productFailure } from "@/lib/catalog/admin/errors";
import { revalidateProductPages } from "@/lib/catalog/admin/revalidate";
import { idSchema, parseProductForm, productStatusInput } from "@/lib/catalog/admin/schemas";
import { createProduct, setProductStatus, updateProduct, type ProductSaved } from "@/lib/catalog/admin/write";
import { prisma } from "@/lib/db";

export async function createProductAction(
  _previous: ActionResult<ProductSaved> | null,
  formData: FormData,
): Promise<ActionResult<ProductSaved>> {
  const auth = await authorizeAdminAction();
  if (!auth.ok) return auth.result;
  const values = formObject(formData);
  const parsed = parseProductForm(values);
  if (!parsed.ok) return fieldErrorResult(parsed.fieldErrors, values);
  let saved;
  try {
    saved = await createProduct(prisma, auth.user, parsed.data);
  } catch (error) {
    return productFailure(error, "admin.products.create", values);
  }
  revalidateProductPages(saved);
  // Outside try/catch: redirect() works by throwing.
  redirect(`/admin/products/${encodeURIComponent(saved.id)}?created=1`);
}

export async function updateProductAction(
  _previous: ActionResult<ProductSaved> | null,
  formData: FormData,
): Promise<ActionResult<ProductSaved>> {
  const auth = await authorizeAdminAction();
  if (!auth.ok) return auth.result;
  const values = formObject(formData);
  const productId = idSchema.safeParse(values.productId);
  if (!productId.success)
    return { ok: false, code: "product_not_found", error: "This product no longer exists.", values };
  const parsed = parseProductForm(values);
  if (!parsed.ok) return fieldErrorResult(parsed.fieldErrors, values);
  try {
    const saved = await updateProduct(prisma, auth.user, productId.data, parsed.data);
    revalidateProductPages(saved);
    refresh();
    return ok({ id: saved.id, slug: saved.slug, updatedAt: saved.updatedAt, savedAt: Date.now() });
  } catch (error) {
    return productFailure(error, "admin.products.update", values);
  }
}

export async function setProductStatusAction(
  _previous: ActionResult<ProductSaved> | null,
  formData: FormData,
): Promise<ActionResult<ProductSaved>> {
  const auth = await authorizeAdminAction();
  if (!auth.ok) return auth.result;
  const parsed = productStatusInput.safeParse(formObject(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const saved = await setProductStatus(prisma, auth.user, parsed.data.productId, parsed.data.status);
    revalidateProductPages(saved);
    refresh();
    return ok({ id: saved.id, slug: saved.slug, updatedAt: saved.updatedAt, savedAt: Date.now() });
  } catch (error) {
    return productFailure(error, "admin.products.status");
  }
}
