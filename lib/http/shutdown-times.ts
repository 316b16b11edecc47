// The web server's two shutdown durations (lib/http/web-server.ts, shutdown), read one way so that a typo in
// either stops start-up with a message instead of leaving a deploy with a duration nobody chose.
//
// WEB_SHUTDOWN_DRAIN_SECONDS: how long a stopping web server keeps serving while its readiness answers 503,
// so the load balancer in front of it takes it out before it stops listening. Without one the drain only
// delays the stop: `npm start`'s single process has no load balancer, and scripts/start.ts kills its web
// server 10 s after the signal, so the default is 0. Behind a load balancer: at least the time it takes to
// mark an instance down (health-check interval times its unhealthy threshold), plus a margin for a check
// in flight.
//
// WEB_SHUTDOWN_GRACE_SECONDS: then, how long requests in flight may take to finish. Bounded so a stuck
// request cannot hold a deploy; the default stays below scripts/start.ts's 10 s before SIGKILL.

/** Past this a drain or a grace would hold a rolling deploy for no one's benefit. */
export const MAX_SHUTDOWN_SECONDS = 600;
export const DEFAULT_GRACE_MS = 8_000;

function parseSeconds(name: string, value: string | undefined, what: string, allowZero: boolean): number | null {
  const text = value?.trim() ?? "";
  if (text === "") return null;
  const seconds = Number(text);
  if (!/^\d{1,3}(\.\d{1,3})?$/.test(text) || seconds > MAX_SHUTDOWN_SECONDS || (!allowZero && seconds === 0)) {
    const low = allowZero ? "0" : "more than 0";
    throw new Error(
      `${name} must be a number of seconds from ${low} to ${MAX_SHUTDOWN_SECONDS} (${what}), got "${value}"`,
    );
  }
  return Math.round(seconds * 1000);
}

/** The drain in milliseconds (0 when unset); throws on anything but seconds from 0 to the maximum. */
export function parseDrainSeconds(value: string | undefined): number {
  const what = "how long readiness answers 503 before the server stops listening";
  return parseSeconds("WEB_SHUTDOWN_DRAIN_SECONDS", value, what, true) ?? 0;
}

/** The grace in milliseconds (DEFAULT_GRACE_MS when unset); throws on anything but seconds above 0. */
export function parseGraceSeconds(value: string | undefined): number {
  const what = "how long requests in flight may take to finish";
  return parseSeconds("WEB_SHUTDOWN_GRACE_SECONDS", value, what, false) ?? DEFAULT_GRACE_MS;
}
