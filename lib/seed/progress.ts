// A dependency-free progress bar for long CLI jobs, written to stderr so stdout stays clean for results.
// On a terminal it redraws one line in place; in a log (CI, a pipe) it prints a line at every 10 %.

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressBar {
  update(done: number): void;
  /** Finishes the line (terminal) and prints the elapsed time. */
  finish(): void;
}

export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const pad = (value: number) => String(value).padStart(2, "0");
  return hours > 0 ? `${hours}:${pad(minutes % 60)}:${pad(seconds % 60)}` : `${minutes}:${pad(seconds % 60)}`;
}

const numberFormat = new Intl.NumberFormat("en-US");

export function createProgressBar(options: {
  total: number;
  label: string;
  stream?: ProgressStream;
  now?: () => number;
}): ProgressBar {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const started = now();
  const total = Math.max(1, options.total);
  const interactive = Boolean(stream.isTTY);
  let lastDecile = -1;
  let lastDraw = 0;
  let done = 0;

  const describe = (): string => {
    const elapsed = now() - started;
    const fraction = Math.min(1, done / total);
    const rate = elapsed > 0 ? (done / elapsed) * 1000 : 0;
    const eta = rate > 0 ? ((total - done) / rate) * 1000 : Number.NaN;
    const percent = `${(fraction * 100).toFixed(1).padStart(5)}%`;
    const counts = `${numberFormat.format(done)}/${numberFormat.format(options.total)}`;
    const speed = `${numberFormat.format(Math.round(rate))}/s`;
    const remaining = Number.isFinite(eta) ? `ETA ${formatDuration(eta)}` : "ETA --:--";
    return `${options.label} ${percent} ${counts} ${speed} ${remaining}`;
  };

  const draw = () => {
    const text = describe();
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - text.length - 4));
    const filled = Math.round(Math.min(1, done / total) * width);
    stream.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${text}\u001b[K`);
  };

  return {
    update(value) {
      done = Math.max(0, Math.min(value, options.total));
      if (interactive) {
        // Redrawing more often than ~10 times a second only costs time.
        if (now() - lastDraw >= 100 || done === options.total) {
          lastDraw = now();
          draw();
        }
        return;
      }
      const decile = Math.floor((done / total) * 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        stream.write(`${describe()}\n`);
      }
    },
    finish() {
      if (interactive) {
        draw();
        stream.write("\n");
      }
      stream.write(
        `${options.label} done in ${formatDuration(now() - started)} (${((now() - started) / 1000).toFixed(1)} s)\n`,
      );
    },
  };
}
