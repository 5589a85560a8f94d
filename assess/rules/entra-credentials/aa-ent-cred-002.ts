import { nhi } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { credentialEvidence, graphCollection } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-ENT-CRED-002',
  title: 'Secret or certificate without an expiry date',
  severity: 'high',
  area: 'entra-credentials',
  rationale:
    'Graph always sets an end date, so a credential without one was created with a "never" sentinel (9999-12-31) by a script or legacy tool. It will authenticate forever unless someone remembers to remove it.',
  remediation:
    'Replace it with a short-lived credential or a federated credential and remove it: `POST /applications/{id}/removePassword` with `{"keyId": "<keyId>"}` (certificates: `PATCH /applications/{id}` with the `keyCredentials` list minus this key).',
  references: ['https://learn.microsoft.com/en-us/graph/api/resources/passwordcredential'],
  frameworks: [nhi(7)],
  appliesTo: { providers: ['entra'] },
  evaluate(ctx, identity) {
    return rowsOf(ctx.index.credentials, identity.id)
      .filter(
        (c) =>
          (c.kind === 'client-secret' || c.kind === 'certificate') && c.status !== 'expired' && !c.expiresAt,
      )
      .map((c) => ({
        discriminator: c.nativeId,
        message: `${c.kind === 'client-secret' ? 'Client secret' : 'Certificate'} ${c.name ?? c.nativeId} of ${identity.name} never expires`,
        evidence: [
          credentialEvidence(c, `No end date on /${graphCollection(identity)} credential ${c.nativeId}`),
        ],
      }));
  },
};
