// Request bodies read without trusting their size: Content-Length is checked first (a cheap refusal of an
// honest large request), then the body is read with a running count, so a chunked or lying request stops
// at the limit instead of filling memory. For route handlers; the web server reads server action bodies
// itself (lib/http/web-server.ts).

/** The body's bytes, or null when it is larger than maxBytes. An absent body is empty. */
export async function readCappedBody(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
