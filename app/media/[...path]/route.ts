// GET /media/<path>: product images and other uploads from uploadDir() (see lib/media/serve.ts for the
// rules). Reads the request's headers, so it always runs at request time, never at build time.
import { serveMedia } from "@/lib/media/serve";

interface MediaRouteContext {
  params: Promise<{ path: string[] }>;
}

export async function GET(request: Request, context: MediaRouteContext): Promise<Response> {
  const { path } = await context.params;
  return serveMedia(request, path);
}

export async function HEAD(request: Request, context: MediaRouteContext): Promise<Response> {
  const { path } = await context.params;
  return serveMedia(request, path);
}
