// Uploads to admin route handlers (product images, product CSV imports), read without trusting their size
// (lib/http/body.ts: Content-Length first, then a running cap, so a chunked or lying request stops at the
// limit instead of filling memory). Only then is it parsed as multipart form data. Route handlers rather
// than server actions, whose bodies are capped at 1 MB (raising that cap would apply to every visitor's
// server action calls, before any authorization).
import { UserError } from "@/lib/errors";
import { readCappedBody } from "./body";

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
  if (!request.body) throw new UserError("bad_request", "The upload is empty.");
  const body = await readCappedBody(request, cap);
  if (!body) throw tooLarge();
  try {
    return await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new UserError("bad_request", "The upload could not be read. Please try again.");
  }
}
