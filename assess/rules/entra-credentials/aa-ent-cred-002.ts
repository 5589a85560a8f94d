import { nhi } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { credentialEvidence, graphCollection } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-ENT-CRED-002',
  title: 'Certificate without an expiry date',
  severity: 'high',
  area: 'entra-credentials',
  rationale:
    'Graph always sets an end date, so a credential without one was created with a "never" sentinel (9999-12-31) by a script or legacy tool. It will authenticate forever unless someone remembers to remove it. Client secrets without an end date are reported, at high severity, by AA-ENT-SECRET-001 and AA-ENT-SECRET-002 with the rest of what is wrong with them.',
  remediation:
    'Replace it with a short-lived certificate or a federated credential and remove it: `PATCH /applications/{id}` with the `keyCredentials` list minus this key.',
  references: ['https://learn.microsoft.com/en-us/graph/api/resources/keycredential'],
  frameworks: [nhi(7)],
  appliesTo: { providers: ['entra'] },
  evaluate(ctx, identity) {
    return rowsOf(ctx.index.credentials, identity.id)
      .filter((c) => c.kind === 'certificate' && c.status !== 'expired' && !c.expiresAt)
      .map((c) => ({
        discriminator: c.nativeId,
        message: `Certificate ${c.name ?? c.nativeId} of ${identity.name} never expires`,
        evidence: [
          credentialEvidence(c, `No end date on /${graphCollection(identity)} credential ${c.nativeId}`),
        ],
      }));
  },
};
