import { nhi, zeroTrust } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { daysBetween } from '../../util/time';
import { credentialEvidence, graphCollection } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-ENT-CRED-001',
  title: 'Secret or certificate lifetime longer than the maximum',
  severity: 'medium',
  area: 'entra-credentials',
  rationale:
    "A long validity period means a leaked secret keeps working for years. Microsoft's app management policies and most engagement baselines cap secrets at months, not the two-year default or the multi-year values scripts set.",
  remediation:
    'Issue a replacement with a short lifetime (`POST /applications/{id}/addPassword` with `endDateTime` within the policy), move the workload, remove the old one (`POST /applications/{id}/removePassword` `{"keyId": "<keyId>"}`), and enforce the cap with `PATCH /policies/defaultAppManagementPolicy` (`passwordCredentials` restriction `passwordLifetime`).',
  references: [
    'https://learn.microsoft.com/en-us/graph/api/resources/tenantappmanagementpolicy',
    'https://learn.microsoft.com/en-us/graph/api/application-addpassword',
  ],
  frameworks: [nhi(7), zeroTrust(6)],
  appliesTo: { providers: ['entra'] },
  evaluate(ctx, identity) {
    const max = ctx.settings.thresholds.secretMaxLifetimeDays;
    return rowsOf(ctx.index.credentials, identity.id)
      .filter((c) => (c.kind === 'client-secret' || c.kind === 'certificate') && c.status === 'active')
      .flatMap((c) => {
        const lifetime = daysBetween(c.createdAt, c.expiresAt);
        if (lifetime === undefined || lifetime <= max) return [];
        const what = c.kind === 'client-secret' ? 'Client secret' : 'Certificate';
        return [
          {
            discriminator: c.nativeId,
            // A certificate's key can stay in a key store; a long-lived secret is the bigger risk.
            ...(c.kind === 'certificate' ? { severity: 'low' as const } : {}),
            message: `${what} ${c.name ?? c.nativeId} of ${identity.name} is valid for ${lifetime} days (maximum ${max})`,
            evidence: [
              credentialEvidence(
                c,
                `${what} on /${graphCollection(identity)}, valid ${c.createdAt} to ${c.expiresAt}`,
              ),
            ],
          },
        ];
      });
  },
};
