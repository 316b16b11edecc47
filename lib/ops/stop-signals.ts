/**
 * Runs `stop` once on the first SIGINT or SIGTERM, the way a process manager or an orchestrator asks a
 * long-running process to finish: a second signal while it stops is ignored, so the graceful stop is not
 * cut short by a repeated Ctrl-C or a supervisor's retry. `stop` decides when to exit.
 */
export function onStopSignal(stop: (signal: NodeJS.Signals) => Promise<void>): void {
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      void stop(signal);
    });
  }
}
