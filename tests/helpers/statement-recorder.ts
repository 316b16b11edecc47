// Every statement node-postgres sends, and whether it left while another was still waiting for its answer
// on the same connection (node-postgres' pipeline mode: it rides in that round trip). Used by the tests that
// count a checkout's round trips and by bench/checkout-cpu.ts.
import pg from "pg";

type Query = (...args: unknown[]) => unknown;
const originalQuery = Object.getOwnPropertyDescriptor(pg.Client.prototype, "query")!.value as Query;

/** Calls `onSend` for each statement sent from now on, until the returned function is called. */
export function recordStatements(onSend: (text: string, pipelined: boolean) => void): () => void {
  const inFlight = new WeakMap<object, number>();
  pg.Client.prototype.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
    const open = inFlight.get(this) ?? 0;
    onSend(typeof config === "string" ? config : ((config as { text?: string } | null)?.text ?? ""), open > 0);
    inFlight.set(this, open + 1);
    const settle = () => inFlight.set(this, (inFlight.get(this) ?? 1) - 1);
    // pg-pool's own query() passes a callback (and gets no promise back).
    const callback = rest.findIndex((arg) => typeof arg === "function");
    if (callback >= 0) {
      const done = rest[callback] as (...args: unknown[]) => unknown;
      rest[callback] = (...args: unknown[]) => {
        settle();
        return done(...args);
      };
      return originalQuery.call(this, config, ...rest);
    }
    const result = originalQuery.call(this, config, ...rest) as Promise<unknown>;
    result.then(settle, settle);
    return result;
  } as typeof pg.Client.prototype.query;
  return () => {
    pg.Client.prototype.query = originalQuery as typeof pg.Client.prototype.query;
  };
}
