// POST /api/admin/products/<id>/images: upload one product image (multipart: `file`, optional `alt`).
//
// A route handler rather than a server action on purpose: a server action's request body is capped by
// Next (1 MB unless next.config raises serverActions.bodySizeLimit), and an upload above that fails in the
// framework with a generic error before any of our code runs. Here the handler reads the body itself,
// stops at MAX_IMAGE_BYTES (+ multipart overhead) and answers with a clear 413, and every other refusal
// (not an image, SVG, unreadable, too many) is a 4xx with a message the form shows as is.
// Alt text, order and removal are small server actions (app/admin/products/[id]/actions.ts).
import { z } from "zod";
import { authorizeAdminRequest } from "@/lib/auth/guard";
import { maxImageBytes } from "@/lib/catalog/admin/image-files";
import { addProductImage } from "@/lib/catalog/admin/images";
import { revalidateProductPages } from "@/lib/catalog/admin/revalidate";
import { idSchema } from "@/lib/ids";
import { readCappedFormData } from "@/lib/http/upload";
import { isSameOriginRequest } from "@/lib/http/same-origin";
import { prisma } from "@/lib/db";
import { GENERIC_ERROR_MESSAGE, isUserError } from "@/lib/errors";

interface RouteContext {
  params: Promise<{ id: string }>;
}

const STATUS_BY_CODE: Record<string, number> = {
  image_too_large: 413,
  image_unsupported: 415,
  image_svg_refused: 415,
  image_unreadable: 422,
  image_empty: 400,
  too_many_images: 409,
  product_not_found: 404,
  bad_request: 400,
};

const altSchema = z.string().trim().max(300, "Alt text can be at most 300 characters.");

function refuse(status: number, code: string, error: string): Response {
  return Response.json({ ok: false, code, error }, { status, headers: { "Cache-Control": "no-store" } });
}

export async function POST(request: Request, context: RouteContext): Promise<Response> {
  const auth = await authorizeAdminRequest();
  if (!auth.ok) return auth.response;
  if (!isSameOriginRequest(request))
    return refuse(403, "cross_site", "This upload did not come from the store's admin.");

  const { id } = await context.params;
  const productId = idSchema().safeParse(id);
  if (!productId.success) return refuse(404, "product_not_found", "This product no longer exists.");

  try {
    const limit = maxImageBytes();
    const form = await readCappedFormData(request, limit);
    const file = form.get("file");
    if (!(file instanceof Blob) || file.size === 0)
      return refuse(400, "image_missing", "Choose an image file to upload.");
    const alt = altSchema.safeParse(typeof form.get("alt") === "string" ? form.get("alt") : "");
    if (!alt.success) return refuse(400, "invalid_input", alt.error.issues[0]?.message ?? "Check the alt text.");

    const bytes = new Uint8Array(await file.arrayBuffer());
    const added = await addProductImage(prisma, auth.user, productId.data, { bytes, alt: alt.data });
    revalidateProductPages({ slug: added.slug });
    return Response.json({ ok: true, image: added.image }, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (isUserError(error)) return refuse(STATUS_BY_CODE[error.code] ?? 400, error.code, error.message);
    console.error("[admin.products.imageUpload]", error);
    return refuse(500, "internal", GENERIC_ERROR_MESSAGE);
  }
}
