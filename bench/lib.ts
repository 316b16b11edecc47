// Shared pieces of the benchmark scripts: a bounded HTTP load loop and percentile tables.
import http from "node:http";

export interface LoadResult {
  name: string;
  requests: number;
  errors: number;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  /** Mean body size of the successful responses, as sent (no Accept-Encoding: uncompressed). */
  bytes: number;
  /** Successful responses whose body `flag` picked out (e.g. search answered by the fallback). */
  flagged: number;
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return 0;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)] ?? 0;
}

/**
 * `connections` keep-alive clients request `url` back to back for `seconds` (bounded: it always stops).
 * No Accept-Encoding is sent, so the server answers uncompressed and `bytes` is the full body.
 */
export async function loadTest(
  name: string,
  url: string,
  connections: number,
  seconds: number,
  options: { flag?: (body: string) => boolean } = {},
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  let bodyBytes = 0;
  let flagged = 0;
  const deadline = performance.now() + seconds * 1000;
  const once = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const request = http.get(url, { agent }, (response) => {
        let size = 0;
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (options.flag) chunks.push(chunk);
        });
        response.on("end", () => {
          if (response.statusCode === 200) {
            latencies.push(performance.now() - started);
            bodyBytes += size;
            if (options.flag?.(Buffer.concat(chunks).toString("utf8"))) flagged++;
          } else errors++;
          resolve();
        });
      });
      request.setTimeout(30_000, () => request.destroy(new Error("timeout")));
      request.on("error", () => {
        errors++;
        resolve();
      });
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) await once();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: latencies.length,
    errors,
    seconds: elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    bytes: latencies.length > 0 ? Math.round(bodyBytes / latencies.length) : 0,
    flagged,
  };
}

export function printTable(headers: string[], rows: (string | number)[][]) {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? "").length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padStart(widths[column] ?? 0)).join("  ");
  console.log(line(headers));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of cells.slice(1)) console.log(line(row));
}
