import { nhi } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { toMs } from '../../util/time';
import { credentialEvidence, graphCollection } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-ENT-CRED-003',
  title: 'Expired secret or certificate left in place',
  severity: 'low',
  area: 'entra-credentials',
  rationale:
    'Expired credentials no longer sign in, but they show that rotation is not managed: the app was either abandoned or is failing, and the clutter hides which credentials are really in use.',
  remediation:
    'Remove expired secrets with `POST /applications/{id}/removePassword` `{"keyId": "<keyId>"}` and expired certificates by `PATCH /applications/{id}` with the remaining `keyCredentials`. If the app no longer has a valid credential, check whether it is still needed at all.',
  references: [
    'https://learn.microsoft.com/en-us/entra/identity/monitoring-health/recommendation-remove-unused-credential-from-apps',
  ],
  frameworks: [nhi(1), nhi(7)],
  appliesTo: { providers: ['entra'] },
  evaluate(ctx, identity) {
    return rowsOf(ctx.index.credentials, identity.id)
      .filter((c) => c.kind === 'client-secret' || c.kind === 'certificate')
      .filter((c) => c.status === 'expired' || (toMs(c.expiresAt) ?? Infinity) < ctx.nowMs)
      .map((c) => ({
        discriminator: c.nativeId,
        message:
          `${c.kind === 'client-secret' ? 'Client secret' : 'Certificate'} ${c.name ?? c.nativeId} of ${identity.name} expired ${c.expiresAt ?? ''} and is still present`.trim(),
        evidence: [credentialEvidence(c, `Expired credential on /${graphCollection(identity)}`)],
      }));
  },
};
