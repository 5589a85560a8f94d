import { asi, nhi, zeroTrust } from '../../frameworks';
import { entraPrivilegeSummary, isAgent, note, plural } from '../helpers';
import type { Rule } from '../types';
import { APP_KINDS, lifetimeClause, secretEvidence, secretLifetimes, signInSecrets } from './secrets';

export const rule: Rule = {
  id: 'AA-ENT-SECRET-001',
  title: 'Client secret used where a certificate, federated credential or managed identity would do',
  severity: 'medium',
  area: 'entra-credentials',
  rationale:
    'A client secret is a password: it is copied into configuration, pipelines and agent runtimes, and anyone who reads it can sign in as the app from anywhere. Workloads in Azure can use a managed identity, workloads elsewhere a federated identity credential (GitHub, AWS, Kubernetes, another IdP), and the rest a certificate whose private key never leaves a key store. Microsoft recommends against secrets in production. The finding names every active secret once, with what is wrong with its lifetime: longer than the engagement maximum (setting secretMaxLifetimeDays, default 180) or no end date at all; secrets that never expire or that unlock privileged permissions are high severity.',
  remediation:
    'Replace the secret: add a federated credential (`POST /applications/{id}/federatedIdentityCredentials`) or a certificate, switch the workload, then remove each secret with `POST /applications/{id}/removePassword` and body `{"keyId": "<keyId>"}`. Until then, reissue long-lived secrets with an `endDateTime` within the maximum (`POST /applications/{id}/addPassword`). Restrict new secrets and cap their lifetime tenant-wide with an app management policy (`PATCH /policies/defaultAppManagementPolicy`, `passwordCredentials` restrictions `passwordAddition` and `passwordLifetime`).',
  references: [
    'https://learn.microsoft.com/en-us/entra/workload-id/workload-identity-federation',
    'https://learn.microsoft.com/en-us/graph/api/application-removepassword',
    'https://learn.microsoft.com/en-us/entra/identity-platform/security-best-practices-for-app-registration#credential-configuration',
    'https://learn.microsoft.com/en-us/graph/api/resources/tenantappmanagementpolicy',
  ],
  frameworks: [nhi(7), nhi(2), nhi(4), asi(3), zeroTrust(6)],
  appliesTo: {
    providers: ['entra'],
    // Secrets on service principal objects are AA-ENT-SECRET-002's: one finding per secret location.
    kinds: [...APP_KINDS],
  },
  evaluate(ctx, identity) {
    const secrets = signInSecrets(ctx, identity);
    if (secrets.length === 0) return [];
    const lifetimes = secretLifetimes(ctx, secrets);
    const privilege = entraPrivilegeSummary(ctx, identity);
    const agent = isAgent(ctx, identity);
    const high = privilege.length > 0 || lifetimes.some((l) => l.neverExpires);
    return [
      {
        discriminator: 'client-secrets',
        ...(high ? { severity: 'high' as const } : {}),
        message:
          `${identity.name} authenticates with ${plural(secrets.length, 'client secret')}` +
          (agent ? ' and acts as an AI agent' : '') +
          lifetimeClause(ctx, lifetimes) +
          (privilege.length > 0 ? `; whoever holds one gets ${privilege.join(', ')}` : ''),
        evidence: [
          ...lifetimes.map((l) => secretEvidence(ctx, identity, l)),
          ...(privilege.length > 0
            ? [note(`Privileges reachable with the secret: ${privilege.join(', ')}`)]
            : []),
        ],
      },
    ];
  },
};
