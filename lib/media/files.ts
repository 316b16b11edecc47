// Content-addressed media files: the name carries a hash of the bytes, so a URL always means the same
// bytes and the media route can let browsers and CDNs cache it forever.
import { createHash, randomBytes } from "node:crypto";
import { access, mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { productImagePath, productImageUrl, PRODUCT_MEDIA_DIR, uploadDir } from "./paths";

/** The first 10 hex digits of SHA-256: collisions among a store's images are not a practical concern. */
export function contentHash(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex").slice(0, 10);
}

/** "ridge-tee-black-front" + svg -> "ridge-tee-black-front.3f9a2c1b7d.svg". */
export function contentAddressedName(stem: string, extension: string, content: string | Uint8Array): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(stem)) throw new Error(`Unsafe media file stem: ${stem}`);
  return `${stem}.${contentHash(content)}.${extension}`;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

export interface SavedMedia {
  fileName: string;
  url: string;
}

/**
 * Writes a product image under uploadDir()/products unless a file with the same content already exists.
 * Written to a temporary name and renamed, so a reader (or a crash) never sees half a file.
 */
export async function saveProductImage(
  stem: string,
  extension: string,
  content: string | Uint8Array,
): Promise<SavedMedia> {
  const fileName = contentAddressedName(stem, extension, content);
  const target = productImagePath(fileName);
  if (!(await exists(target))) {
    await mkdir(path.join(uploadDir(), PRODUCT_MEDIA_DIR), { recursive: true });
    const temporary = `${target}.${randomBytes(4).toString("hex")}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, target);
  }
  return { fileName, url: productImageUrl(fileName) };
}
