// A warning logger for per-request failures: during an outage every request fails the same way, and one
// line per request would bury everything else in the log. Logs the first message, then at most one per
// interval with the number of messages suppressed in between.
export type Log = (message: string) => void;

export function createThrottledLogger(options: { intervalMs: number; log?: Log; now?: () => number }): Log {
  const log = options.log ?? ((message: string) => console.warn(message));
  const now = options.now ?? Date.now;
  let lastLogged = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (message) => {
    const at = now();
    if (at - lastLogged < options.intervalMs) {
      suppressed++;
      return;
    }
    lastLogged = at;
    log(suppressed > 0 ? `${message} (${suppressed} similar messages suppressed)` : message);
    suppressed = 0;
  };
}
