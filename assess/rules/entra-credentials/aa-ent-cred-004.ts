import { nhi } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { daysUntil, toMs } from '../../util/time';
import { credentialEvidence } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-ENT-CRED-004',
  title: 'Last valid credential expires soon',
  severity: 'info',
  area: 'entra-credentials',
  rationale:
    'When the only valid credential of an app expires, the workload stops. Rotations done in a hurry are where secrets get pasted into chats and tickets; planning the rotation (or moving to a federated credential) avoids both.',
  remediation:
    'Plan the rotation now: add the replacement (`POST /applications/{id}/addPassword`, or better `POST /applications/{id}/federatedIdentityCredentials`), roll it out, then remove the old one (`POST /applications/{id}/removePassword`).',
  references: ['https://learn.microsoft.com/en-us/graph/api/application-addpassword'],
  frameworks: [nhi(7)],
  appliesTo: { providers: ['entra'] },
  evaluate(ctx, identity) {
    const window = ctx.settings.thresholds.expiringWithinDays;
    const valid = rowsOf(ctx.index.credentials, identity.id).filter(
      (c) => (c.kind === 'client-secret' || c.kind === 'certificate') && c.status === 'active' && c.expiresAt,
    );
    if (valid.length === 0) return [];
    // Only when no credential outlives the window: a rotation already in place is fine.
    const lastExpiry = Math.max(...valid.map((c) => toMs(c.expiresAt) ?? -Infinity));
    const last = valid.find((c) => toMs(c.expiresAt) === lastExpiry);
    const left = daysUntil(last?.expiresAt, ctx.nowMs);
    if (!last || left === undefined || left < 0 || left > window) return [];
    return [
      {
        discriminator: 'expiring',
        message: `The last valid credential of ${identity.name} (${last.name ?? last.nativeId}) expires in ${left} days`,
        evidence: [credentialEvidence(last, `Expires ${last.expiresAt}`)],
      },
    ];
  },
};
