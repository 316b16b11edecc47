// Content-addressed media files: the name carries a hash of the bytes, so a URL always means the same
// bytes and the media route can let browsers and CDNs cache it forever. Written to the media store
// (./store.ts: the local disk, or an S3 bucket every instance reads).
import { createHash } from "node:crypto";
import { MEDIA_CONTENT_TYPES, PRODUCT_MEDIA_DIR, productImageUrl } from "./paths";
import { mediaStore } from "./store";

/** The first 10 hex digits of SHA-256: collisions among a store's images are not a practical concern. */
export function contentHash(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex").slice(0, 10);
}

/** "ridge-tee-black-front" + svg -> "ridge-tee-black-front.3f9a2c1b7d.svg". */
export function contentAddressedName(stem: string, extension: string, content: string | Uint8Array): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(stem)) throw new Error(`Unsafe media file stem: ${stem}`);
  return `${stem}.${contentHash(content)}.${extension}`;
}

export interface SavedMedia {
  fileName: string;
  url: string;
}

/**
 * Stores a product image unless an object with the same content already exists (the name is its hash).
 * Either way the object is whole: the disk store renames a finished file, S3 stores a PUT whole.
 */
export async function saveProductImage(
  stem: string,
  extension: string,
  content: string | Uint8Array,
): Promise<SavedMedia> {
  const fileName = contentAddressedName(stem, extension, content);
  const key = `${PRODUCT_MEDIA_DIR}/${fileName}`;
  const store = mediaStore();
  if (!(await store.exists(key))) {
    const bytes = typeof content === "string" ? Buffer.from(content) : content;
    await store.put(key, bytes, MEDIA_CONTENT_TYPES[extension] ?? "application/octet-stream");
  }
  return { fileName, url: productImageUrl(fileName) };
}
