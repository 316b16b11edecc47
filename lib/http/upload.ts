// Uploads to admin route handlers (product images, product CSV imports), read without trusting their size:
// Content-Length is checked first (cheap refusal of an honest large upload), then the body is read with a
// running cap, so a chunked or lying request stops at the limit instead of filling memory. Only then is it
// parsed as multipart form data. Route handlers rather than server actions, whose bodies Next caps at 1 MB
// (raising that cap would apply to every visitor's server action calls, before any authorization).
import { UserError } from "@/lib/errors";

/** Room for the multipart boundaries, headers and the small fields around the file. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export interface UploadLimits {
  /** What the file is, for messages ("image", "CSV file"). */
  what: string;
  /** The UserError code when it is too large. */
  tooLargeCode: string;
}

export async function readCappedFormData(
  request: Request,
  maxFileBytes: number,
  limits: UploadLimits = { what: "image", tooLargeCode: "image_too_large" },
): Promise<FormData> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    throw new UserError("bad_request", `Send the ${limits.what} as multipart form data.`);
  }
  const cap = maxFileBytes + MULTIPART_OVERHEAD_BYTES;
  const tooLarge = () =>
    new UserError(limits.tooLargeCode, `The ${limits.what} is too large; the limit is ${describeBytes(maxFileBytes)}.`);
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > cap) throw tooLarge();
  if (!request.body) throw new UserError("bad_request", "The upload is empty.");

  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new UserError("bad_request", "The upload could not be read. Please try again.");
  }
}
