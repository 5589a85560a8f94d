import { asi, cisM365, nhi, zeroTrust } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { isHighRiskPermission, permissionClassification, riskLevel, scopeTier } from '../../entra/tiers';
import { grantEvidence } from '../helpers';
import type { Rule } from '../types';

export const rule: Rule = {
  id: 'AA-ENT-CONSENT-001',
  title: 'High-risk delegated permissions consented for all users',
  severity: 'high',
  area: 'entra-privilege',
  rationale:
    'An AllPrincipals grant consents on behalf of every user in the tenant. Any user who signs in to the app hands it these scopes over their own data and, for directory-wide scopes, over everything that user can administer. For an agent acting on behalf of users this is its whole reach.',
  remediation:
    'Replace tenant-wide consent with per-user consent or remove the high-risk scopes: `PATCH /oauth2PermissionGrants/{id}` with the reduced `scope` string, or `DELETE /oauth2PermissionGrants/{id}`. Route future requests through the admin consent workflow.',
  references: [
    'https://learn.microsoft.com/en-us/graph/api/resources/oauth2permissiongrant',
    'https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/manage-consent-requests',
  ],
  frameworks: [nhi(5), asi(3), asi(9), cisM365('5.1.5.1'), cisM365('5.1.5.2'), zeroTrust(6)],
  appliesTo: { providers: ['entra'] },
  evaluate(ctx, identity) {
    const grants = rowsOf(ctx.index.grants, identity.id).filter(
      (g) =>
        g.kind === 'entra-delegated-scope' && g.consentType === 'AllPrincipals' && isHighRiskPermission(g),
    );
    if (grants.length === 0) return [];
    const critical = grants.some(
      (g) => g.kind === 'entra-delegated-scope' && (riskLevel(g) === 'Critical' || scopeTier(g) === 0),
    );
    const names = [...new Set(grants.map((g) => ('permission' in g ? g.permission : '')))].sort();
    return [
      {
        discriminator: 'all-principals',
        ...(critical ? { severity: 'critical' as const } : {}),
        message: `${identity.name} has tenant-wide consent for ${names.join(', ')}`,
        evidence: grants.map((g) =>
          grantEvidence(
            g,
            `${'permission' in g ? g.permission : ''} consented for all users`,
            g.kind === 'entra-delegated-scope' ? permissionClassification(g) : {},
          ),
        ),
      },
    ];
  },
};
