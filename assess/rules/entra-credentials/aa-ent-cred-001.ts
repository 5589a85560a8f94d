import { nhi, zeroTrust } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { daysText } from '../../../model/dates';
import { daysBetween } from '../../util/time';
import { credentialEvidence, graphCollection } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-ENT-CRED-001',
  title: 'Certificate lifetime longer than the maximum',
  severity: 'low',
  area: 'entra-credentials',
  rationale:
    "A long validity period means a stolen key keeps working for years. Microsoft's app management policies and most engagement baselines cap credentials at months, not the multi-year values scripts set. A certificate's private key can stay in a key store, hence low severity. Client secrets are judged, lifetime included, by AA-ENT-SECRET-001 and AA-ENT-SECRET-002, so each secret appears in one finding.",
  remediation:
    'Issue a replacement certificate with a short validity, upload it (`PATCH /applications/{id}` with the new entry in `keyCredentials`), move the workload, then remove the old one (`PATCH /applications/{id}` with the remaining `keyCredentials`). Enforce the cap with `PATCH /policies/defaultAppManagementPolicy` (`keyCredentials` restriction `asymmetricKeyLifetime`).',
  references: [
    'https://learn.microsoft.com/en-us/graph/api/resources/tenantappmanagementpolicy',
    'https://learn.microsoft.com/en-us/graph/api/resources/keycredential',
  ],
  frameworks: [nhi(7), zeroTrust(6)],
  appliesTo: { providers: ['entra'] },
  evaluate(ctx, identity) {
    const max = ctx.settings.thresholds.secretMaxLifetimeDays;
    return rowsOf(ctx.index.credentials, identity.id)
      .filter((c) => c.kind === 'certificate' && c.status === 'active')
      .flatMap((c) => {
        const lifetime = daysBetween(c.createdAt, c.expiresAt);
        if (lifetime === undefined || lifetime <= max) return [];
        return [
          {
            discriminator: c.nativeId,
            message: `Certificate ${c.name ?? c.nativeId} of ${identity.name} is valid for ${daysText(lifetime)} (maximum ${max})`,
            evidence: [
              credentialEvidence(
                c,
                `Certificate on /${graphCollection(identity)}, valid ${c.createdAt} to ${c.expiresAt}`,
              ),
            ],
          },
        ];
      });
  },
};
