import { nhi, asi } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { attrString } from '../../util/json';
import { credentialEvidence, entraPrivilegeSummary, note } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-ENT-SECRET-002',
  title: 'Secret added to the service principal instead of the app registration',
  severity: 'medium',
  area: 'entra-credentials',
  rationale:
    'Password credentials on the service principal object are not shown under the app registration\'s "Certificates & secrets" in the portal, so they escape the usual review. Adding a secret to an existing service principal is a known persistence technique after a tenant compromise.',
  remediation:
    'Confirm who added it (audit log "Add service principal credentials"), then remove it: `POST /servicePrincipals/{id}/removePassword` with `{"keyId": "<keyId>"}`. Manage credentials on the application object, or better replace them with federated credentials.',
  references: [
    'https://learn.microsoft.com/en-us/graph/api/serviceprincipal-removepassword',
    'https://learn.microsoft.com/en-us/entra/identity/monitoring-health/recommendation-remove-unused-credential-from-apps',
  ],
  frameworks: [nhi(2), nhi(7), asi(3)],
  appliesTo: {
    providers: ['entra'],
    kinds: ['entra-service-principal', 'entra-agent-blueprint-principal', 'entra-agent-identity'],
  },
  evaluate(ctx, identity) {
    const credentials = rowsOf(ctx.index.credentials, identity.id);
    // SAML single sign-on keeps a password credential next to its token-signing certificate: not a sign-in secret.
    const samlSigning = credentials.some(
      (c) => c.kind === 'certificate' && attrString(c.attributes, 'usage') === 'Sign',
    );
    if (samlSigning) return [];
    const secrets = credentials.filter((c) => c.kind === 'client-secret' && c.status === 'active');
    if (secrets.length === 0) return [];
    const privilege = entraPrivilegeSummary(ctx, identity);
    return [
      {
        discriminator: 'sp-secrets',
        ...(privilege.length > 0 ? { severity: 'high' as const } : {}),
        message: `${identity.name} has ${secrets.length} client secret(s) on the service principal object itself`,
        evidence: [
          ...secrets.map((c) =>
            credentialEvidence(
              c,
              `Secret ${c.name ?? c.nativeId} on /servicePrincipals/${identity.nativeId}`,
            ),
          ),
          ...(privilege.length > 0 ? [note(`The service principal holds ${privilege.join(', ')}`)] : []),
        ],
      },
    ];
  },
};
