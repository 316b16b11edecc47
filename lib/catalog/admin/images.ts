// A product's pictures: upload, alt text, order, removal. The first image (position 0) is the product's
// card and search picture. Files go through lib/media (content-addressed under UPLOAD_DIR, served by
// /media with immutable caching); rows, audit entries and the search event go in one transaction.
//
// Removing an image deletes its row, not its file: file names are content hashes, so the same bytes
// uploaded to two products share one file, and browsers may hold the URL for a year anyway. Unreferenced
// files are harmless and can be swept by a job that compares UPLOAD_DIR with ProductImage.url.
import { writeAudit } from "@/lib/audit/log";
import { runTransaction } from "@/lib/db/transaction";
import type { Db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { saveProductImage } from "@/lib/media/files";
import { enqueueProductReindex } from "@/lib/outbox/search-reindex";
import { inspectImage, maxImageBytes } from "./image-files";
import type { Actor } from "./write";

type Tx = Prisma.TransactionClient;

export const MAX_IMAGES_PER_PRODUCT = 24;

export interface ImageChangeResult {
  productId: string;
  slug: string;
}

const PRODUCT_GONE = "This product no longer exists.";
const IMAGE_GONE = "This image no longer exists. Reload the page.";

async function lockProduct(tx: Tx, productId: string): Promise<{ id: string; slug: string }> {
  const rows = await tx.$queryRaw<
    { id: string; slug: string }[]
  >`SELECT "id", "slug" FROM "Product" WHERE "id" = ${productId} FOR UPDATE`;
  const product = rows[0];
  if (!product) throw new UserError("product_not_found", PRODUCT_GONE);
  return product;
}

/** A file-name stem from the slug (lib/media accepts [a-z0-9-] only). */
function fileStem(slug: string): string {
  const stem = slug
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return stem || "product";
}

/** Renumbers positions 0..n-1 in the given order. */
async function writeOrder(tx: Tx, imageIds: readonly string[]): Promise<void> {
  for (const [position, id] of imageIds.entries()) {
    await tx.productImage.update({ where: { id }, data: { position } });
  }
}

async function orderedImageIds(tx: Tx, productId: string): Promise<string[]> {
  const rows = await tx.productImage.findMany({
    where: { productId },
    select: { id: true },
    orderBy: [{ position: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => row.id);
}

export interface UploadedImage {
  bytes: Uint8Array;
  alt: string;
}

/**
 * Checks the bytes (type by content, size, dimensions) and the product before anything is written, then
 * stores the file and appends the image. A refused upload writes neither a file nor a row.
 */
export async function addProductImage(db: Db, actor: Actor, productId: string, upload: UploadedImage) {
  const image = inspectImage(upload.bytes, maxImageBytes());
  const product = await db.product.findUnique({
    where: { id: productId },
    select: { slug: true, _count: { select: { images: true } } },
  });
  if (!product) throw new UserError("product_not_found", PRODUCT_GONE);
  if (product._count.images >= MAX_IMAGES_PER_PRODUCT) {
    throw new UserError(
      "too_many_images",
      `A product can have at most ${MAX_IMAGES_PER_PRODUCT} images. Remove one first.`,
    );
  }
  // Disk, not network: safe before the transaction, and a file without a row (if the transaction fails)
  // is only an unreferenced file.
  const saved = await saveProductImage(fileStem(product.slug), image.extension, upload.bytes);
  return runTransaction(db, async (tx) => {
    const locked = await lockProduct(tx, productId);
    const count = await tx.productImage.count({ where: { productId } });
    if (count >= MAX_IMAGES_PER_PRODUCT) {
      throw new UserError(
        "too_many_images",
        `A product can have at most ${MAX_IMAGES_PER_PRODUCT} images. Remove one first.`,
      );
    }
    const last = await tx.productImage.aggregate({ where: { productId }, _max: { position: true } });
    const created = await tx.productImage.create({
      data: {
        productId,
        url: saved.url,
        alt: upload.alt,
        width: image.width,
        height: image.height,
        position: (last._max.position ?? -1) + 1,
      },
      select: { id: true, url: true, alt: true, width: true, height: true, position: true },
    });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "product.image.add",
      entityType: "Product",
      entityId: productId,
      data: { imageId: created.id, url: created.url, bytes: upload.bytes.byteLength, format: image.format },
    });
    // Only the first image is in the search document, but which one is first can change with any upload.
    await enqueueProductReindex(tx, productId);
    return { productId, slug: locked.slug, image: created };
  });
}

async function findImage(tx: Tx, productId: string, imageId: string) {
  // Scoped to the product: an image id of another product is "no longer exists", never acted on.
  const image = await tx.productImage.findFirst({
    where: { id: imageId, productId },
    select: { id: true, url: true, alt: true, optionValueId: true },
  });
  if (!image) throw new UserError("image_not_found", IMAGE_GONE);
  return image;
}

/** One audited change of an image's field: the row and its audit entry (from → to) together. */
async function changeImage(
  tx: Tx,
  actor: Actor,
  productId: string,
  imageId: string,
  action: string,
  data: Prisma.ProductImageUncheckedUpdateInput,
  from: string | null,
  to: string | null,
) {
  await tx.productImage.update({ where: { id: imageId }, data });
  await writeAudit(tx, {
    actorId: actor.id,
    action,
    entityType: "Product",
    entityId: productId,
    data: { imageId, from, to },
  });
}

export async function updateProductImageAlt(
  db: Db,
  actor: Actor,
  productId: string,
  imageId: string,
  alt: string,
  /** The option value (a colour) the image shows, "" or null for none; undefined leaves it unchanged. */
  optionValueId?: string | null,
): Promise<ImageChangeResult> {
  return runTransaction(db, async (tx) => {
    const product = await lockProduct(tx, productId);
    const image = await findImage(tx, productId, imageId);
    const tag = optionValueId === undefined ? image.optionValueId : optionValueId || null;
    if (
      tag &&
      !(await tx.productOptionValue.findFirst({ where: { id: tag, option: { productId } }, select: { id: true } }))
    ) {
      throw new UserError("option_value_not_found", "That option value is not one of this product's. Reload the page.");
    }
    if (image.alt !== alt) {
      await changeImage(tx, actor, productId, imageId, "product.image.alt", { alt }, image.alt, alt);
      await enqueueProductReindex(tx, productId);
    }
    if (image.optionValueId !== tag) {
      await changeImage(
        tx,
        actor,
        productId,
        imageId,
        "product.image.option_value",
        { optionValueId: tag },
        image.optionValueId,
        tag,
      );
    }
    return { productId, slug: product.slug };
  });
}

export type ImageMove = "up" | "down" | "first";

export async function moveProductImage(
  db: Db,
  actor: Actor,
  productId: string,
  imageId: string,
  move: ImageMove,
): Promise<ImageChangeResult> {
  return runTransaction(db, async (tx) => {
    const product = await lockProduct(tx, productId);
    await findImage(tx, productId, imageId);
    const ids = await orderedImageIds(tx, productId);
    const from = ids.indexOf(imageId);
    const to = move === "first" ? 0 : move === "up" ? Math.max(0, from - 1) : Math.min(ids.length - 1, from + 1);
    if (from !== to) {
      ids.splice(from, 1);
      ids.splice(to, 0, imageId);
      await writeOrder(tx, ids);
      await writeAudit(tx, {
        actorId: actor.id,
        action: "product.image.move",
        entityType: "Product",
        entityId: productId,
        data: { imageId, from, to },
      });
      await enqueueProductReindex(tx, productId);
    }
    return { productId, slug: product.slug };
  });
}

export async function deleteProductImage(
  db: Db,
  actor: Actor,
  productId: string,
  imageId: string,
): Promise<ImageChangeResult> {
  return runTransaction(db, async (tx) => {
    const product = await lockProduct(tx, productId);
    const image = await findImage(tx, productId, imageId);
    await tx.productImage.delete({ where: { id: imageId } });
    await writeOrder(tx, await orderedImageIds(tx, productId));
    await writeAudit(tx, {
      actorId: actor.id,
      action: "product.image.delete",
      entityType: "Product",
      entityId: productId,
      data: { imageId, url: image.url },
    });
    await enqueueProductReindex(tx, productId);
    return { productId, slug: product.slug };
  });
}
