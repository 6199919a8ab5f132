// A tiny progress display with no dependencies: a bar redrawn in place on a terminal
// (`[#####.....] 45% 45000/100000 12.3s`), and a plain line every 10% otherwise (CI logs, pipes).

export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
}

export interface ProgressOptions {
  /** Where to draw; default process.stderr. */
  stream?: ProgressStream;
  /** Bar width in characters; default 30. */
  width?: number;
  /** Prefix for the non-TTY lines; default 'progress'. */
  label?: string;
  /** Override terminal detection (default: stream.isTTY). */
  tty?: boolean;
  /** Clock in ms, for tests; default Date.now. */
  now?: () => number;
}

export interface Progress {
  update(done: number): void;
  /** Draws 100% (if not drawn yet) and ends the line. */
  finish(): void;
}

export function formatBar(done: number, total: number, elapsedMs: number, width = 30): string {
  const ratio = total > 0 ? Math.min(1, Math.max(0, done / total)) : 1;
  const filled = Math.round(ratio * width);
  const pct = Math.floor(ratio * 100);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% ${done}/${total} ${(elapsedMs / 1000).toFixed(1)}s`;
}

export function createProgress(total: number, opts: ProgressOptions = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  const tty = opts.tty ?? !!stream.isTTY;
  const now = opts.now ?? Date.now;
  const width = opts.width ?? 30;
  const label = opts.label ?? 'progress';
  const started = now();
  let lastDecile = 0; // the first line is at 10%
  let lastDone = -1;
  let finished = false;
  let lastDraw = 0;

  const update = (done: number) => {
    if (finished) return;
    lastDone = done;
    const elapsed = now() - started;
    if (tty) {
      // Redraw at most ~20 times a second, but always at the end.
      if (done < total && elapsed - lastDraw < 50 && lastDraw !== 0) return;
      lastDraw = elapsed || 1;
      stream.write(`\r${formatBar(done, total, elapsed, width)}`);
      return;
    }
    const decile = total > 0 ? Math.floor((Math.min(done, total) / total) * 10) : 10;
    if (decile > lastDecile) {
      lastDecile = decile;
      const pct = total > 0 ? Math.floor((Math.min(done, total) / total) * 100) : 100;
      stream.write(`${label}: ${pct}% ${done}/${total} ${(elapsed / 1000).toFixed(1)}s\n`);
    }
  };

  return {
    update,
    finish() {
      if (finished) return;
      if (lastDone !== total) update(total);
      finished = true;
      if (tty) stream.write('\n');
    },
  };
}
