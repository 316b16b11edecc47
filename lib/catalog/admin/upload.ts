// Reading an image upload request without trusting its size: Content-Length is checked first (cheap
// refusal of an honest large upload), then the body is read with a running cap, so a chunked or lying
// request stops at the limit instead of filling memory. Only then is it parsed as multipart form data.
import { UserError } from "@/lib/errors";
import { describeBytes } from "./image-files";

/** Room for the multipart boundaries, headers and the alt text field around the file. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export async function readCappedFormData(request: Request, maxFileBytes: number): Promise<FormData> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    throw new UserError("bad_request", "Send the image as multipart form data.");
  }
  const cap = maxFileBytes + MULTIPART_OVERHEAD_BYTES;
  const tooLarge = () => new UserError("image_too_large", `The image is too large; the limit is ${describeBytes(maxFileBytes)}.`);
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
