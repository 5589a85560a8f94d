/**
 * Revocation-latency proxy (posture measure): the longest lifetime of a standing credential held
 * by an agent, in days. A leaked credential stays usable until it expires or someone revokes it;
 * the longest lifetime bounds how long "until it expires" can be. Credentials that never expire
 * rank first and count with their age so far (a lower bound, flagged `unbounded`).
 */
import type { Identity } from '../../model/inventory';
import type { LatencyCredential, RevocationLatencyKpi } from '../../model/posture';
import { daysBetween, daysSince } from '../util/time';
import { standingCredentials } from './agent-facts';
import { displayName, type KpiContext } from './context';

function rank(a: LatencyCredential, b: LatencyCredential): number {
  if (a.unbounded !== b.unbounded) return a.unbounded ? -1 : 1;
  return b.lifetimeDays - a.lifetimeDays || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function revocationLatency(ctx: KpiContext, agents: readonly Identity[]): RevocationLatencyKpi {
  const seen = new Set<string>();
  const rows: LatencyCredential[] = [];
  for (const agent of agents) {
    for (const c of standingCredentials(ctx, agent)) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      const unbounded = c.expiresAt === undefined;
      const lifetime = unbounded ? daysSince(c.createdAt, ctx.nowMs) : daysBetween(c.createdAt, c.expiresAt);
      const owner = ctx.index.identityById.get(c.identityId);
      rows.push({
        id: c.id,
        identityId: c.identityId,
        identityName: owner ? displayName(owner) : c.identityId,
        kind: c.kind,
        ...(c.name ? { name: c.name } : {}),
        ...(c.createdAt ? { createdAt: c.createdAt } : {}),
        ...(c.expiresAt ? { expiresAt: c.expiresAt } : {}),
        // Without a creation date only "never expires" is known: lifetime 0 as the lower bound.
        lifetimeDays: Math.max(0, lifetime ?? 0),
        unbounded,
      });
    }
  }
  rows.sort(rank);
  const top = rows[0];
  return {
    id: 'revocation-latency',
    name: 'Revocation-latency proxy',
    label: 'posture measure',
    formula:
      "max over agents' active standing credentials of (expiry - creation) in days; a credential without expiry ranks first and counts with its age so far",
    numerator: null,
    denominator: null,
    value: top ? top.lifetimeDays : null,
    unit: 'days',
    numeratorIds: top ? [top.id] : [],
    denominatorIds: rows.map((r) => r.id),
    notes: [
      'A proxy: the time a leaked credential stays valid if nobody revokes it, not a measured revocation time.',
      'Federated credentials, managed identities and role sessions issue short-lived tokens and are not counted.',
      ...(top?.unbounded
        ? ['The longest credential never expires: the value is its age so far, a lower bound.']
        : []),
    ],
    ...(top ? { credential: top } : {}),
    unboundedCount: rows.filter((r) => r.unbounded).length,
  };
}
