// WEB_SHUTDOWN_DRAIN_SECONDS: how long a stopping web server keeps serving while its readiness answers 503
// (lib/http/web-server.ts, shutdown), so the load balancer in front of it takes it out before it stops
// listening. Without one the drain only delays the stop: `npm start`'s single process has no load
// balancer, and scripts/start.ts kills its web server 10 s after the signal, so the default is 0. Behind a
// load balancer: at least the time it takes to mark an instance down (health-check interval times its
// unhealthy threshold), plus a margin for a check in flight.

/** Past this a drain would hold a rolling deploy for no load balancer's benefit. */
export const MAX_DRAIN_SECONDS = 600;

/** The drain in milliseconds; throws on anything but a number of seconds from 0 to MAX_DRAIN_SECONDS. */
export function parseDrainSeconds(value: string | undefined): number {
  const text = value?.trim() ?? "";
  if (text === "") return 0;
  if (!/^\d{1,3}(\.\d{1,3})?$/.test(text) || Number(text) > MAX_DRAIN_SECONDS) {
    throw new Error(
      `WEB_SHUTDOWN_DRAIN_SECONDS must be a number of seconds from 0 to ${MAX_DRAIN_SECONDS} (how long readiness answers 503 before the server stops listening), got "${value}"`,
    );
  }
  return Math.round(Number(text) * 1000);
}
