// CSV downloads from route handlers: chunks produced batch by batch (an async iterable of text) become a
// streamed response, so a large export never sits in memory as one string.

const encoder = new TextEncoder();
// Excel only reads a CSV as UTF-8 when it starts with a byte order mark; our parser drops it again.
const BOM = "\uFEFF";

/** Streams the chunks as UTF-8 with a BOM first. An error mid-way aborts the download (logged). */
export function csvStream(chunks: AsyncIterable<string>, context = "csv"): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(BOM));
        }
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        // The status line is already sent: the only honest signal left is a broken download.
        console.error(`[${context}] export failed mid-stream`, error);
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** A file name safe inside a quoted Content-Disposition parameter. */
function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 100) || "export.csv";
}

/** A streamed text/csv attachment that no cache keeps (exports hold customer data). */
export function csvResponse(chunks: AsyncIterable<string>, fileName: string, context?: string): Response {
  return new Response(csvStream(chunks, context), {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${safeFileName(fileName)}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
