/**
 * Credentials on a timeline: each as a bar from creation to expiry (or open-ended when it never
 * expires), its last use as a dot, and the scan's date as a line. Drawn as SVG by React, so labels
 * are text nodes; the same facts are in the table beside it for screen readers.
 */
import type { CredentialView } from '../../../model/api';
import { CREDENTIAL_LABELS, formatDate, label } from '../labels';

const ROW = 26;
const LEFT = 170;
const WIDTH = 720;

export function CredentialTimeline({
  credentials,
  asOf,
}: {
  credentials: readonly CredentialView[];
  asOf: string;
}) {
  const asOfMs = Date.parse(asOf);
  const times = credentials.flatMap((c) =>
    [c.createdAt, c.expiresAt, c.lastUsedAt]
      .filter((t): t is string => t !== undefined)
      .map((t) => Date.parse(t)),
  );
  if (times.length === 0) return null;
  const start = Math.min(...times, asOfMs);
  const end = Math.max(...times, asOfMs) + 1;
  const span = end - start;
  // The right margin leaves room for the "no expiry" label after open-ended bars.
  const x = (ms: number) => LEFT + ((ms - start) / span) * (WIDTH - LEFT - 80);
  const height = credentials.length * ROW + 34;
  return (
    <svg
      className="timeline"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={`Credential timeline from ${formatDate(new Date(start).toISOString())} to ${formatDate(new Date(end).toISOString())}`}
    >
      {credentials.map((c, i) => {
        const y = 10 + i * ROW;
        const from = c.createdAt !== undefined ? x(Date.parse(c.createdAt)) : LEFT;
        const to = c.expiresAt !== undefined ? x(Date.parse(c.expiresAt)) : x(end);
        return (
          <g key={c.id} className={`tl-row tl-${c.status}`}>
            <text x={4} y={y + 13} className="tl-label">
              {(c.name ?? label(CREDENTIAL_LABELS, c.kind)).slice(0, 24)}
            </text>
            <rect x={from} y={y + 3} width={Math.max(2, to - from)} height={14} rx={3} className="tl-bar" />
            {c.expiresAt === undefined && (
              <text x={to + 6} y={y + 14} className="tl-open">
                no expiry →
              </text>
            )}
            {c.lastUsedAt !== undefined && (
              <circle cx={x(Date.parse(c.lastUsedAt))} cy={y + 10} r={4} className="tl-used">
                <title>{`Last used ${formatDate(c.lastUsedAt)}`}</title>
              </circle>
            )}
          </g>
        );
      })}
      <line x1={x(asOfMs)} x2={x(asOfMs)} y1={4} y2={height - 22} className="tl-now" />
      <text x={x(asOfMs)} y={height - 8} textAnchor="middle" className="tl-axis">
        scan {formatDate(asOf)}
      </text>
      <text x={LEFT} y={height - 8} className="tl-axis">
        {formatDate(new Date(start).toISOString())}
      </text>
    </svg>
  );
}
