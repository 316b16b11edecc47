// The store's web server process: Next.js (production build, or the dev server with hot reload with
// --dev) behind lib/http/web-server.ts. `npm start` and `npm run dev` run it (scripts/start.ts); it can
// also be run on its own against a built app and a configured database:
//   node --import tsx scripts/web-server.ts [--dev]
// Environment: PORT (default 3000), TRUSTED_PROXY_HOPS (default 0), SITE_URL (https turns on HSTS),
// WEB_SHUTDOWN_DRAIN_SECONDS (default 0), WEB_SHUTDOWN_GRACE_SECONDS (default 8).
// SIGTERM or SIGINT: drain (readiness 503, everything else still served; lib/http/shutdown-times.ts), then
// stop accepting connections, let requests in flight finish (at most the grace), exit 0. A second signal
// changes nothing (lib/ops/stop-signals.ts).
import path from "node:path";
import { parseTrustedProxyHops } from "@/lib/http/client-address";
import { securityHeaders } from "@/lib/http/security-headers";
import { parseDrainSeconds, parseGraceSeconds } from "@/lib/http/shutdown-times";
import { createWebServer, type RequestHandler } from "@/lib/http/web-server";
import { onStopSignal } from "@/lib/ops/stop-signals";
import { cachedListingTarget } from "@/lib/search/listing-route";

const dev = process.argv.includes("--dev");
// As `next start` / `next dev` set it, before Next.js is loaded.
(process.env as Record<string, string>).NODE_ENV = dev ? "development" : "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

let trustedProxyHops: number;
let drainMs: number;
let graceMs: number;
try {
  trustedProxyHops = parseTrustedProxyHops(process.env.TRUSTED_PROXY_HOPS);
  drainMs = parseDrainSeconds(process.env.WEB_SHUTDOWN_DRAIN_SECONDS);
  graceMs = parseGraceSeconds(process.env.WEB_SHUTDOWN_GRACE_SECONDS);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const port = Number(process.env.PORT ?? 3000);

const { default: next } = await import("next");
let resolveHandler!: (handler: RequestHandler) => void;
const { server, shutdown } = createWebServer({
  trustedProxyHops,
  headers: securityHeaders({ dev, siteUrl: process.env.SITE_URL }),
  handler: new Promise<RequestHandler>((resolve) => (resolveHandler = resolve)),
  // Search pages and filtered category views, loaded as documents, from the cached page of their query.
  documentTarget: cachedListingTarget,
});

// Listen first (as `next start` does), then load the app with the port it really got (PORT=0 picks one).
server.on("error", (error) => {
  console.error("Failed to start the web server:", error);
  process.exit(1);
});
await new Promise<void>((resolve) => server.listen(port, resolve));
const address = server.address();
const actualPort = typeof address === "object" && address ? address.port : port;
process.env.PORT = String(actualPort);

const app = next({ dev, dir: path.resolve(import.meta.dirname, ".."), port: actualPort, httpServer: server });
try {
  await app.prepare();
} catch (error) {
  console.error(error);
  process.exit(1);
}
resolveHandler(app.getRequestHandler());
console.log(
  `Web server ready on port ${actualPort} (${dev ? "development" : "production"}; trusted proxy hops: ${trustedProxyHops})`,
);

onStopSignal(async (signal) => {
  if (drainMs > 0)
    console.log(`${signal}: draining for ${drainMs / 1000} s (readiness answers 503, requests are still served)`);
  await shutdown(graceMs, drainMs);
  await app.close().catch((error: unknown) => console.error(error));
  process.exit(0);
});
