/** Plain-text tables for terminal output; cells are made single-line and control-character free. */

/** Terminal output must not let a hostile name move the cursor or clear the screen. */
export function safeCell(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '�');
}

export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly unknown[])[],
  maxWidth = 60,
): string {
  const cells = rows.map((row) => row.map((c) => truncate(safeCell(c), maxWidth)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
