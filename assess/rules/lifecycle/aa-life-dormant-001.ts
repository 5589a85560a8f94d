import { aiRmf, asi, iso42001, nhi } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { daysSince } from '../../util/time';
import { isAgent, lastUse, note } from '../helpers';
import type { AssessContext, Rule } from '../types';
import type { EvidenceItem } from '../../../model/findings';
import type { Identity } from '../../../model/inventory';

export const rule: Rule = {
  id: 'AA-LIFE-DORMANT-001',
  title: 'Dormant identity',
  severity: 'medium',
  area: 'lifecycle',
  rationale:
    'An identity nobody has used for months usually belongs to a retired project, pipeline or agent that was never offboarded. It keeps its permissions and credentials, and its use by an attacker would stand out to nobody.',
  remediation:
    'Confirm with the owner, then disable before deleting. AWS role: `aws iam delete-role --role-name <role>` (after `aws iam list-attached-role-policies`/`detach-role-policy`); AWS user: `aws iam update-access-key --status Inactive ...` then `aws iam delete-user`. Entra service principal: `PATCH /servicePrincipals/{id}` with `{"accountEnabled": false}`, later `DELETE /servicePrincipals/{id}`; agent identity: `PATCH /servicePrincipals/{id}` `{"accountEnabled": false}`.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_access-advisor.html',
    'https://learn.microsoft.com/en-us/entra/identity/monitoring-health/recommendation-remove-unused-apps',
  ],
  frameworks: [nhi(1), asi(10), aiRmf('GOVERN 1.7'), aiRmf('MANAGE 2.4'), iso42001('A.6.2.6')],
  appliesTo: {
    providers: ['aws', 'entra'],
    kinds: [
      'aws-role',
      'aws-user',
      'entra-service-principal',
      'entra-managed-identity',
      'entra-agent-identity',
      'entra-agent-blueprint-principal',
    ],
  },
  evaluate(ctx, identity) {
    if (!identity.enabled) return [];
    const limit = ctx.settings.thresholds.dormantDays;
    const last = lastUse(ctx, identity);
    const severity = isAgent(ctx, identity) ? undefined : ('low' as const);
    if (last) {
      const idle = daysSince(last, ctx.nowMs);
      if (idle === undefined || idle <= limit) return [];
      return [
        {
          discriminator: 'dormant',
          ...(severity ? { severity } : {}),
          message: `${identity.name} was last used ${idle} days ago (threshold ${limit})`,
          evidence: lastUseEvidence(ctx, identity, last),
        },
      ];
    }
    // No recorded use: only meaningful when usage data was collected for this account at all.
    if (!ctx.index.accountsWithActivity.has(`${identity.provider}:${identity.account}`)) return [];
    const age = daysSince(identity.createdAt, ctx.nowMs);
    if (age === undefined || age <= limit) return [];
    return [
      {
        discriminator: 'dormant',
        ...(severity ? { severity } : {}),
        message: `${identity.name} was created ${age} days ago and has no recorded use`,
        evidence: [
          note(`Created ${identity.createdAt}; usage data for ${identity.account} shows no sign-in or use`),
        ],
      },
    ];
  },
};

/** Where the last-use date comes from: activity records, or credential last-used dates. */
function lastUseEvidence(ctx: AssessContext, identity: Identity, last: string): EvidenceItem[] {
  const activities = rowsOf(ctx.index.activities, identity.id).map((a) => ({
    type: 'activity',
    summary: `${a.source}: last used ${a.lastUsedAt}`,
    ref: a.id,
  }));
  const credentials = rowsOf(ctx.index.credentials, identity.id)
    .filter((c) => c.lastUsedAt)
    .map((c) => ({
      type: 'credential',
      summary: `${c.name ?? c.kind} last used ${c.lastUsedAt}`,
      ref: c.id,
    }));
  const items = [...activities, ...credentials];
  return items.length > 0 ? items : [note(`Last recorded use ${last}`)];
}
