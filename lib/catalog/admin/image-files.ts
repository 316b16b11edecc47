// What an uploaded file really is, read from its bytes: the browser's Content-Type and the file name are
// the uploader's claims and are ignored. PNG, JPEG, WebP and GIF are accepted, with their pixel size read
// from the header (stored on ProductImage so pages reserve the space and never shift). SVG is refused:
// it is a document that can carry script and external references, and sanitising it safely is a
// project of its own. Pure functions over bytes, unit-tested in tests/unit/admin-products.test.ts.
import { UserError } from "@/lib/errors";
import { describeBytes } from "@/lib/http/upload";

export const DEFAULT_MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Larger sides are refused: a 20000 x 20000 image is 1.6 GB decoded in a browser. */
export const MAX_IMAGE_SIDE = 10_000;

/** MAX_IMAGE_BYTES when it is a positive whole number, else 5 MB. Read per call so tests can change it. */
export function maxImageBytes(): number {
  const configured = Number(process.env.MAX_IMAGE_BYTES);
  return Number.isSafeInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_IMAGE_BYTES;
}

export { describeBytes };

export type ImageFormat = "png" | "jpeg" | "webp" | "gif";

export const IMAGE_FORMATS: Record<ImageFormat, { extension: string; contentType: string }> = {
  png: { extension: "png", contentType: "image/png" },
  jpeg: { extension: "jpg", contentType: "image/jpeg" },
  webp: { extension: "webp", contentType: "image/webp" },
  gif: { extension: "gif", contentType: "image/gif" },
};

export interface SniffedImage {
  format: ImageFormat;
  extension: string;
  contentType: string;
  width: number;
  height: number;
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

const u16be = (b: Uint8Array, o: number) => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
const u16le = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, o: number) =>
  (((b[o] ?? 0) << 24) >>> 0) + (((b[o + 1] ?? 0) << 16) | ((b[o + 2] ?? 0) << 8) | (b[o + 3] ?? 0));

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The container format by magic bytes, or null. */
export function detectImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, PNG_SIGNATURE)) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return "webp";
  if (ascii(bytes, 0, 6) === "GIF87a" || ascii(bytes, 0, 6) === "GIF89a") return "gif";
  return null;
}

/** An SVG or other XML/HTML document (possibly after a BOM and whitespace). */
function looksLikeMarkup(bytes: Uint8Array): boolean {
  const head = new TextDecoder("utf-8", { fatal: false })
    .decode(bytes.subarray(0, 512))
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();
  return (
    head.startsWith("<svg") ||
    head.startsWith("<?xml") ||
    head.startsWith("<!doctype") ||
    head.startsWith("<html") ||
    head.includes("<svg")
  );
}

function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  // Signature, then the IHDR chunk: length (4), type (4), width (4), height (4).
  if (bytes.length < 24 || ascii(bytes, 12, 4) !== "IHDR") return null;
  return { width: u32be(bytes, 16), height: u32be(bytes, 20) };
}

function gifSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 10) return null;
  return { width: u16le(bytes, 6), height: u16le(bytes, 8) };
}

function webpSize(bytes: Uint8Array): { width: number; height: number } | null {
  if (bytes.length < 30) return null;
  const chunk = ascii(bytes, 12, 4);
  if (chunk === "VP8X") return { width: u24le(bytes, 24) + 1, height: u24le(bytes, 27) + 1 };
  if (chunk === "VP8L") {
    if (bytes[20] !== 0x2f) return null;
    const b1 = bytes[21] ?? 0;
    const b2 = bytes[22] ?? 0;
    const b3 = bytes[23] ?? 0;
    const b4 = bytes[24] ?? 0;
    return { width: 1 + (((b2 & 0x3f) << 8) | b1), height: 1 + (((b4 & 0x0f) << 10) | (b3 << 2) | ((b2 & 0xc0) >> 6)) };
  }
  if (chunk === "VP8 ") {
    // Key frame start code 9d 01 2a, then 14-bit width and height.
    if (!startsWith(bytes, [0x9d, 0x01, 0x2a], 23)) return null;
    return { width: u16le(bytes, 26) & 0x3fff, height: u16le(bytes, 28) & 0x3fff };
  }
  return null;
}

function jpegSize(bytes: Uint8Array): { width: number; height: number } | null {
  // Walk the marker segments to the first start-of-frame (SOF0..SOF15 except DHT C4, JPG C8, DAC CC).
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      offset += 2; // markers without a length
      continue;
    }
    const length = u16be(bytes, offset + 2);
    if (length < 2) return null;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(bytes, offset + 5), width: u16be(bytes, offset + 7) };
    }
    if (marker === 0xda || marker === 0xd9) return null; // scan data or end before any frame header
    offset += 2 + length;
  }
  return null;
}

const SIZE_READERS: Record<ImageFormat, (bytes: Uint8Array) => { width: number; height: number } | null> = {
  png: pngSize,
  jpeg: jpegSize,
  webp: webpSize,
  gif: gifSize,
};

/**
 * The image in these bytes, or a UserError with a message for the seller: empty, too large, SVG,
 * not an image at all, or an image whose header cannot be read (a truncated or disguised file).
 */
export function inspectImage(bytes: Uint8Array, limit: number = maxImageBytes()): SniffedImage {
  if (bytes.byteLength === 0) throw new UserError("image_empty", "The file is empty.");
  if (bytes.byteLength > limit) {
    throw new UserError(
      "image_too_large",
      `The image is ${describeBytes(bytes.byteLength)}; the limit is ${describeBytes(limit)}.`,
    );
  }
  const format = detectImageFormat(bytes);
  if (!format) {
    if (looksLikeMarkup(bytes)) {
      throw new UserError(
        "image_svg_refused",
        "SVG images are not accepted (they can carry scripts). Upload a PNG, JPEG, WebP or GIF.",
      );
    }
    throw new UserError("image_unsupported", "This file is not a PNG, JPEG, WebP or GIF image.");
  }
  const size = SIZE_READERS[format](bytes);
  if (!size || size.width < 1 || size.height < 1) {
    throw new UserError("image_unreadable", "This image could not be read: the file may be damaged or incomplete.");
  }
  if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE) {
    throw new UserError(
      "image_too_large",
      `The image is ${size.width} x ${size.height} pixels; at most ${MAX_IMAGE_SIDE} pixels a side.`,
    );
  }
  return { format, ...IMAGE_FORMATS[format], ...size };
}
