/**
 * Credentials on a timeline: each as a bar from creation to expiry (or open-ended when it never
 * expires, or runs off the axis when it expires years after the scan), its last use as a dot, and
 * the scan's date as a line. Drawn as SVG by React, so labels
 * are text nodes; the same facts are in the table beside it for screen readers.
 */
import type { CredentialView } from '../../../model/api';
import { CREDENTIAL_LABELS, formatDate, label } from '../labels';

const ROW = 26;
const LEFT = 170;
const WIDTH = 720;
/** Room after the bars for "no expiry →" or "to 2299-12-31 →". */
const RIGHT_ROOM = 100;
/**
 * Expiries further than this after the scan are drawn as running off the axis, their date written
 * beside them: one secret valid until 2299 would otherwise squeeze every other bar to a sliver.
 */
const HORIZON_MS = 5 * 365.25 * 86_400_000;
/** The scan's label is centred on its line; the axis start label is left of it unless this close. */
const LABEL_GAP = 125;

export function CredentialTimeline({
  credentials,
  asOf,
}: {
  credentials: readonly CredentialView[];
  asOf: string;
}) {
  const asOfMs = Date.parse(asOf);
  const horizon = asOfMs + HORIZON_MS;
  const beyond = (c: CredentialView) => c.expiresAt !== undefined && Date.parse(c.expiresAt) > horizon;
  const times = credentials.flatMap((c) =>
    [c.createdAt, c.expiresAt, c.lastUsedAt]
      .filter((t): t is string => t !== undefined)
      .map((t) => Math.min(Date.parse(t), horizon)),
  );
  if (times.length === 0) return null;
  const start = Math.min(...times, asOfMs);
  const end = Math.max(...times, asOfMs) + 1;
  const span = end - start;
  // The right margin leaves room for the label after open-ended bars and those past the horizon.
  const x = (ms: number) => LEFT + ((ms - start) / span) * (WIDTH - LEFT - RIGHT_ROOM);
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
        const to = c.expiresAt !== undefined && !beyond(c) ? x(Date.parse(c.expiresAt)) : x(end);
        return (
          <g key={c.id} className={`tl-row tl-${c.status}`}>
            <text x={4} y={y + 13} className="tl-label">
              {(c.name ?? label(CREDENTIAL_LABELS, c.kind)).slice(0, 24)}
            </text>
            <rect x={from} y={y + 3} width={Math.max(2, to - from)} height={14} rx={3} className="tl-bar" />
            {(c.expiresAt === undefined || beyond(c)) && (
              <text x={to + 6} y={y + 14} className="tl-open">
                {c.expiresAt === undefined ? 'no expiry →' : `to ${formatDate(c.expiresAt)} →`}
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
      {x(asOfMs) - LEFT >= LABEL_GAP && (
        <text x={LEFT} y={height - 8} className="tl-axis">
          {formatDate(new Date(start).toISOString())}
        </text>
      )}
    </svg>
  );
}
