import { aiRmf, asi, iso42001, nhi } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { daysSince } from '../../util/time';
import { isAgent, lastUse, note } from '../helpers';
import { activityCoverage, ROLE_LAST_USED_WINDOW_DAYS } from './activity';
import type { AssessContext, Rule } from '../types';
import type { EvidenceItem } from '../../../model/findings';
import type { Identity } from '../../../model/inventory';

export const rule: Rule = {
  id: 'AA-LIFE-DORMANT-001',
  title: 'Dormant identity',
  severity: 'medium',
  area: 'lifecycle',
  rationale:
    'An identity nobody has used for months (setting dormantDays, default 90) usually belongs to a retired project, pipeline or agent that was never offboarded. It keeps its permissions and credentials, and its use by an attacker would stand out to nobody. Identities younger than the threshold, AWS service-linked roles and Microsoft first-party service principals are never reported. "No recorded use" counts only where the usage source tracks the identity (RoleLastUsed, the credential report, the service principal sign-in report); where it cannot (agent identities, Bedrock API keys) the finding says the activity is unknown, at info severity. Accounts without any usage data are left to the scan coverage, which names the missing source once.',
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
    // No recorded use. An identity younger than the threshold cannot be dormant yet, whatever the data.
    const age = daysSince(identity.createdAt, ctx.nowMs);
    if (age === undefined || age <= limit) return [];
    const coverage = activityCoverage(ctx, identity);
    if (coverage.state === 'missing') return [];
    if (coverage.state === 'untracked') {
      // Absence of data is not absence of use: say so once, at no score, instead of a false alarm.
      return [
        {
          discriminator: 'activity-unknown',
          severity: 'info',
          message: `Activity of ${identity.name} is unknown (created ${age} days ago): ${coverage.reason}`,
          evidence: [
            note(`No usage record for ${identity.kind} ${identity.nativeId}: ${coverage.reason}`, {
              createdAt: identity.createdAt ?? null,
            }),
          ],
        },
      ];
    }
    const window =
      identity.kind === 'aws-role' && age > ROLE_LAST_USED_WINDOW_DAYS
        ? `in the ${ROLE_LAST_USED_WINDOW_DAYS} days AWS tracks`
        : `since it was created ${age} days ago`;
    return [
      {
        discriminator: 'dormant',
        ...(severity ? { severity } : {}),
        message: `${identity.name} has no recorded use ${window} (threshold ${limit})`,
        evidence: [
          note(`${coverage.source}: ${coverage.absence}; created ${identity.createdAt}`, {
            source: coverage.source,
            createdAt: identity.createdAt ?? null,
          }),
        ],
      },
    ];
  },
};

/** Where the last-use date comes from: activity records, or credential last-used dates. */
function lastUseEvidence(ctx: AssessContext, identity: Identity, last: string): EvidenceItem[] {
  // The credential report yields a per-key record and a per-user "latest" one with the same date:
  // one line per source and date is enough.
  const sourceDates = new Set<string>();
  const activities = rowsOf(ctx.index.activities, identity.id)
    .filter((a) => {
      const key = `${a.source}|${a.lastUsedAt}`;
      if (sourceDates.has(key)) return false;
      sourceDates.add(key);
      return true;
    })
    .map((a) => ({ type: 'activity', summary: `${a.source}: last used ${a.lastUsedAt}`, ref: a.id }));
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
