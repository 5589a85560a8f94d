import { nhi, asi } from '../../frameworks';
import { entraPrivilegeSummary, note } from '../helpers';
import type { Rule } from '../types';
import { lifetimeClause, PRINCIPAL_KINDS, secretEvidence, secretLifetimes, signInSecrets } from './secrets';

export const rule: Rule = {
  id: 'AA-ENT-SECRET-002',
  title: 'Secret added to the service principal instead of the app registration',
  severity: 'medium',
  area: 'entra-credentials',
  rationale:
    'Password credentials on the service principal object are not shown under the app registration\'s "Certificates & secrets" in the portal, so they escape the usual review. Adding a secret to an existing service principal is a known persistence technique after a tenant compromise. Each such secret is named once here, with its lifetime problems (over the engagement maximum, no end date).',
  remediation:
    'Confirm who added it (audit log "Add service principal credentials"), then remove it: `POST /servicePrincipals/{id}/removePassword` with `{"keyId": "<keyId>"}`. Manage credentials on the application object, or better replace them with federated credentials.',
  references: [
    'https://learn.microsoft.com/en-us/graph/api/serviceprincipal-removepassword',
    'https://learn.microsoft.com/en-us/entra/identity/monitoring-health/recommendation-remove-unused-credential-from-apps',
  ],
  frameworks: [nhi(2), nhi(7), asi(3)],
  appliesTo: { providers: ['entra'], kinds: [...PRINCIPAL_KINDS] },
  evaluate(ctx, identity) {
    const secrets = signInSecrets(ctx, identity);
    if (secrets.length === 0) return [];
    const lifetimes = secretLifetimes(ctx, secrets);
    const privilege = entraPrivilegeSummary(ctx, identity);
    const high = privilege.length > 0 || lifetimes.some((l) => l.neverExpires);
    return [
      {
        discriminator: 'sp-secrets',
        ...(high ? { severity: 'high' as const } : {}),
        message: `${identity.name} has ${secrets.length} client secret(s) on the service principal object itself${lifetimeClause(ctx, lifetimes)}`,
        evidence: [
          ...lifetimes.map((l) =>
            secretEvidence(ctx, identity, l, `/servicePrincipals/${identity.nativeId}`),
          ),
          ...(privilege.length > 0 ? [note(`The service principal holds ${privilege.join(', ')}`)] : []),
        ],
      },
    ];
  },
};
