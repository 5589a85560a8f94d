import { asi, nhi, zeroTrust } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { trustEvidence } from '../helpers';
import type { Rule, RuleHit } from '../types';

export const rule: Rule = {
  id: 'AA-ENT-FIC-001',
  title: 'Federated identity credential with a wildcard subject',
  severity: 'high',
  area: 'entra-credentials',
  rationale:
    'A federated identity credential lets tokens from an external issuer act as the app. Exact subjects pin it to one workload; a flexible credential with a wildcard `claimsMatchingExpression` (or a subject containing `*`) admits every workload that matches, e.g. every branch or every repository of an organisation.',
  remediation:
    'Narrow the match to the one workload, or replace the flexible credential with exact ones: `PATCH /applications/{id}/federatedIdentityCredentials/{fic-id}` with an exact `subject` (e.g. `repo:<org>/<repo>:environment:<env>`), or `DELETE /applications/{id}/federatedIdentityCredentials/{fic-id}`.',
  references: [
    'https://learn.microsoft.com/en-us/entra/workload-id/workload-identities-flexible-federated-identity-credentials',
    'https://learn.microsoft.com/en-us/graph/api/resources/federatedidentitycredential',
  ],
  frameworks: [nhi(6), nhi(4), asi(3), zeroTrust(6)],
  appliesTo: { providers: ['entra'] },
  evaluate(ctx, identity) {
    const hits: RuleHit[] = [];
    for (const trust of rowsOf(ctx.index.trusts, identity.id)) {
      if (trust.kind !== 'entra-federated-credential') continue;
      const subject = typeof trust.conditions['subject'] === 'string' ? trust.conditions['subject'] : '';
      const expression =
        typeof trust.conditions['claimsMatchingExpression'] === 'string'
          ? trust.conditions['claimsMatchingExpression']
          : '';
      const pattern = /[*?]/.test(expression) ? expression : /\*/.test(subject) ? subject : '';
      if (!pattern) continue;
      const anyRepo = /repo:\s*\*|'\*'|"\*"/.test(pattern) || pattern.trim() === '*';
      hits.push({
        discriminator: trust.id,
        ...(anyRepo ? { severity: 'critical' as const } : {}),
        message: `${identity.name} accepts tokens from ${trust.principal} for any subject matching ${pattern}`,
        evidence: [trustEvidence(trust, `Federated credential with wildcard match "${pattern}"`)],
      });
    }
    return hits;
  },
};
