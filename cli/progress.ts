/**
 * Progress on stderr: a single redrawn line on a terminal, plain lines otherwise (CI logs),
 * never on stdout, which is kept for `--json` output.
 */
import type { ProgressEvent, ProgressListener } from '../engagement/progress';

export function stderrProgress(enabled = true): ProgressListener & { finish(): void } {
  const tty = Boolean(process.stderr.isTTY);
  let lastLine = '';
  let lastPhase = '';
  let lastDraw = 0;
  const render = (e: ProgressEvent): string => {
    const count =
      e.total !== undefined && e.total > 0
        ? ` ${bar((e.done ?? 0) / e.total)} ${e.done ?? 0}/${e.total}`
        : e.done !== undefined
          ? ` ${e.done}`
          : '';
    return `${e.phase}${e.detail ? ` ${e.detail}` : ''}${count}`;
  };
  const listener = ((e: ProgressEvent) => {
    if (!enabled) return;
    const line = render(e);
    if (tty) {
      const now = Date.now();
      // Redraw at most ~20 times a second; bulk writes report every few thousand rows.
      if (e.phase === lastPhase && now - lastDraw < 50 && e.done !== e.total) return;
      lastDraw = now;
      process.stderr.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns ?? 100) - 1)}`);
    } else if (e.phase !== lastPhase || e.done === undefined || e.done === e.total) {
      if (line !== lastLine) process.stderr.write(`${line}\n`);
    }
    lastLine = line;
    lastPhase = e.phase;
  }) as ProgressListener & { finish(): void };
  listener.finish = () => {
    if (enabled && tty && lastLine) process.stderr.write('\r\x1b[2K');
  };
  return listener;
}

function bar(fraction: number): string {
  const width = 20;
  const filled = Math.max(0, Math.min(width, Math.round(fraction * width)));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
