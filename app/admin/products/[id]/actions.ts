"use server";
// A product's images: alt text, order, removal. (Uploads go through the route handler
// app/api/admin/products/[id]/images, which can cap the request body while reading it.)
import { refresh } from "next/cache";
import { formObject, invalidInput, ok, type ActionResult } from "@/lib/actions/result";
import { authorizeAdminAction } from "@/lib/auth/guard";
import { productFailure } from "@/lib/catalog/admin/errors";
import {
  deleteProductImage,
  moveProductImage,
  updateProductImageAlt,
  type ImageChangeResult,
} from "@/lib/catalog/admin/images";
import { revalidateProductPages } from "@/lib/catalog/admin/revalidate";
import { imageAltInput, imageMoveInput, imageRefInput } from "@/lib/catalog/admin/schemas";
import { prisma } from "@/lib/db";

function done(change: ImageChangeResult): ActionResult<{ savedAt: number }> {
  revalidateProductPages({ slug: change.slug });
  refresh();
  return ok({ savedAt: Date.now() });
}

export async function updateImageAltAction(
  _previous: ActionResult<{ savedAt: number }> | null,
  formData: FormData,
): Promise<ActionResult<{ savedAt: number }>> {
  const auth = await authorizeAdminAction();
  if (!auth.ok) return auth.result;
  const values = formObject(formData);
  const parsed = imageAltInput.safeParse(values);
  if (!parsed.success) return invalidInput(parsed.error, values);
  try {
    return done(
      await updateProductImageAlt(prisma, auth.user, parsed.data.productId, parsed.data.imageId, parsed.data.alt),
    );
  } catch (error) {
    return productFailure(error, "admin.products.imageAlt", values);
  }
}

export async function moveImageAction(
  _previous: ActionResult<{ savedAt: number }> | null,
  formData: FormData,
): Promise<ActionResult<{ savedAt: number }>> {
  const auth = await authorizeAdminAction();
  if (!auth.ok) return auth.result;
  const parsed = imageMoveInput.safeParse(formObject(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    return done(
      await moveProductImage(prisma, auth.user, parsed.data.productId, parsed.data.imageId, parsed.data.direction),
    );
  } catch (error) {
    return productFailure(error, "admin.products.imageMove");
  }
}

export async function deleteImageAction(
  _previous: ActionResult<{ savedAt: number }> | null,
  formData: FormData,
): Promise<ActionResult<{ savedAt: number }>> {
  const auth = await authorizeAdminAction();
  if (!auth.ok) return auth.result;
  const parsed = imageRefInput.safeParse(formObject(formData));
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    return done(await deleteProductImage(prisma, auth.user, parsed.data.productId, parsed.data.imageId));
  } catch (error) {
    return productFailure(error, "admin.products.imageDelete");
  }
}
