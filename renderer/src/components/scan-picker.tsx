/** Which scan a screen shows: the latest by default, any earlier one on request. */
import type { Scan } from '../../../model/inventory';
import { formatDateTime } from '../labels';

export function ScanPicker({
  scans,
  value,
  onChange,
  label = 'Scan',
}: {
  scans: readonly Scan[];
  value: number | undefined;
  onChange: (scanId: number) => void;
  label?: string;
}) {
  if (scans.length === 0) return null;
  const latest = scans[scans.length - 1];
  return (
    <label className="scan-picker">
      {label}{' '}
      <select value={value ?? latest?.id} onChange={(event) => onChange(Number(event.target.value))}>
        {[...scans].reverse().map((scan) => (
          <option key={scan.id} value={scan.id}>
            #{scan.id} · {formatDateTime(scan.finishedAt)} · {shorten(scan.label, 70)}
            {scan.status === 'partial' ? ' (partial)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
