// A document request: what a browser sends to load a page (a first visit, a link opened in a new tab, a
// reload, a crawler), as opposed to a request of Next's client-side router (a navigation, a prefetch, a
// server action, a development refresh). Read from the request as it arrived, before Next sees it: Next
// strips its router headers from the request the app (and proxy.ts) is handed.
import type { IncomingHttpHeaders } from "node:http";

/** The headers Next's router sends on its own requests (next/dist/client/components/app-router-headers). */
const ROUTER_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-action",
  "next-url",
  "next-hmr-refresh",
] as const;

/** The query parameter Next's router adds to its requests so caches keep them apart from documents. */
const ROUTER_QUERY = /[?&]_rsc(=|&|$)/;

/** True for a GET or HEAD with none of the router's headers and no `_rsc` query parameter. */
export function isDocumentRequest(method: string | undefined, url: string, headers: IncomingHttpHeaders): boolean {
  if (method !== "GET" && method !== "HEAD") return false;
  for (const name of ROUTER_HEADERS) if (headers[name] !== undefined) return false;
  const query = url.indexOf("?");
  return query === -1 || !ROUTER_QUERY.test(url.slice(query));
}
