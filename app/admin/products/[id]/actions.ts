"use server";
// A product's images: alt text, order, removal. (Uploads go through the route handler
// app/api/admin/products/[id]/images, which can cap the request body while reading it.)
import { defineAction } from "@/lib/actions/define-action";
import { saved, type Saved } from "@/lib/actions/saved";
import {
  deleteProductImage,
  moveProductImage,
  updateProductImageAlt,
  type ImageChangeResult,
} from "@/lib/catalog/admin/images";
import { revalidateProductPages } from "@/lib/catalog/admin/revalidate";
import { imageAltInput, imageMoveInput, imageRefInput } from "@/lib/catalog/admin/schemas";
import { prisma } from "@/lib/db";

function done(change: ImageChangeResult): Saved {
  revalidateProductPages({ slug: change.slug });
  return saved({});
}

export const updateImageAltAction = defineAction(
  { role: "staff", input: imageAltInput, echo: true },
  async ({ input, user }) => done(await updateProductImageAlt(prisma, user, input.productId, input.imageId, input.alt)),
);

export const moveImageAction = defineAction({ role: "staff", input: imageMoveInput }, async ({ input, user }) =>
  done(await moveProductImage(prisma, user, input.productId, input.imageId, input.direction)),
);

export const deleteImageAction = defineAction({ role: "staff", input: imageRefInput }, async ({ input, user }) =>
  done(await deleteProductImage(prisma, user, input.productId, input.imageId)),
);
