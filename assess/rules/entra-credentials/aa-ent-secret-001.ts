import { asi, nhi, zeroTrust } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import {
  credentialEvidence,
  entraPrivilegeSummary,
  graphCollection,
  isAgent,
  note,
  plural,
} from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-ENT-SECRET-001',
  title: 'Client secret used where a certificate, federated credential or managed identity would do',
  severity: 'medium',
  area: 'entra-credentials',
  rationale:
    'A client secret is a password: it is copied into configuration, pipelines and agent runtimes, and anyone who reads it can sign in as the app from anywhere. Workloads in Azure can use a managed identity, workloads elsewhere a federated identity credential (GitHub, AWS, Kubernetes, another IdP), and the rest a certificate whose private key never leaves a key store. Microsoft recommends against secrets in production.',
  remediation:
    'Replace the secret: add a federated credential (`POST /applications/{id}/federatedIdentityCredentials`) or a certificate, switch the workload, then remove each secret with `POST /applications/{id}/removePassword` and body `{"keyId": "<keyId>"}` (secrets on the service principal: `POST /servicePrincipals/{id}/removePassword`). Restrict new secrets tenant-wide with an app management policy (`PATCH /policies/defaultAppManagementPolicy`, `passwordCredentials` restriction `passwordAddition`).',
  references: [
    'https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation',
    'https://learn.microsoft.com/en-us/graph/api/application-removepassword',
    'https://learn.microsoft.com/en-us/entra/identity-platform/security-best-practices-for-app-registration#credential-configuration',
  ],
  frameworks: [nhi(7), nhi(2), nhi(4), asi(3), zeroTrust(6)],
  appliesTo: {
    providers: ['entra'],
    // Secrets on service principal objects are AA-ENT-SECRET-002's: one finding per secret location.
    kinds: ['entra-application', 'entra-agent-blueprint'],
  },
  evaluate(ctx, identity) {
    const secrets = rowsOf(ctx.index.credentials, identity.id).filter(
      (c) => c.kind === 'client-secret' && c.status === 'active',
    );
    if (secrets.length === 0) return [];
    const privilege = entraPrivilegeSummary(ctx, identity);
    const agent = isAgent(ctx, identity);
    return [
      {
        discriminator: 'client-secrets',
        ...(privilege.length > 0 ? { severity: 'high' as const } : {}),
        message:
          `${identity.name} authenticates with ${plural(secrets.length, 'client secret')}` +
          (agent ? ' and acts as an AI agent' : '') +
          (privilege.length > 0 ? `; whoever holds one gets ${privilege.join(', ')}` : ''),
        evidence: [
          ...secrets.map((c) =>
            credentialEvidence(c, `Client secret ${c.name ?? c.nativeId} on /${graphCollection(identity)}`),
          ),
          ...(privilege.length > 0
            ? [note(`Privileges reachable with the secret: ${privilege.join(', ')}`)]
            : []),
        ],
      },
    ];
  },
};
