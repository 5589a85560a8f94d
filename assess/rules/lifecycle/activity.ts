/**
 * Whether the collected usage data can say that an identity was not used. "No record" means
 * "never used" only where the source lists every identity it tracks and leaves out the unused
 * ones; elsewhere it means "not known", and reporting it as dormant would be a false alarm.
 *
 *   AWS role        RoleLastUsed from the authorization details; empty = no use in the 400 days
 *                   AWS tracks. Trusted when the account has role-last-used dates at all (an
 *                   export stripped of them would make every role look unused).
 *   AWS user        the credential report: password and access key last-used dates. Service-
 *                   specific credentials (Bedrock API keys, CodeCommit) have no last-used date
 *                   anywhere, so a user holding one is not known to be unused.
 *   Entra principal the service principal sign-in activity report, matched by appId. Agent
 *                   identities have no appId of their own, so the report cannot speak for them.
 *
 * Where the source was collected but cannot speak for an identity, its activity is reported as
 * unknown; where the source is missing for the whole account, nothing is reported per identity
 * (the scan's coverage names the missing source once).
 */
import type { Identity } from '../../../model/inventory';
import { rowsOf } from '../../inventory-index';
import type { AssessContext } from '../types';

export type ActivityCoverage =
  /** The source tracks the identity: no record means no use. */
  | { state: 'known'; source: string; /** What an empty record means, for the message. */ absence: string }
  /** The source was collected but cannot speak for this identity. */
  | { state: 'untracked'; reason: string }
  /**
   * The source was not collected for the account at all. The scan's coverage says so once;
   * repeating it on every identity of the account would be noise, not information.
   */
  | { state: 'missing'; reason: string };

/** How far back AWS reports RoleLastUsed. */
export const ROLE_LAST_USED_WINDOW_DAYS = 400;

function collected(ctx: AssessContext, area: string): boolean {
  const status = ctx.index.coverage.get(area);
  return status === 'complete' || status === 'partial';
}

export function activityCoverage(ctx: AssessContext, identity: Identity): ActivityCoverage {
  const account = `${identity.provider}:${identity.account}`;
  const seen = (source: string) => ctx.index.activitySources.has(`${account}:${source}`);
  switch (identity.kind) {
    case 'aws-role':
      return seen('role-last-used')
        ? {
            state: 'known',
            source: 'RoleLastUsed',
            absence: `AWS records no use of the role in the ${ROLE_LAST_USED_WINDOW_DAYS} days it tracks`,
          }
        : {
            state: 'missing',
            reason: `no role in account ${identity.account} has a RoleLastUsed date in the export`,
          };
    case 'aws-user': {
      if (!collected(ctx, `${account}:credential-report`) && !seen('credential-report'))
        return {
          state: 'missing',
          reason: `no credential report was collected for account ${identity.account}`,
        };
      // Expired or not, a service-specific credential may have been used: nothing records it.
      const untracked = rowsOf(ctx.index.credentials, identity.id).filter(
        (c) => c.kind === 'service-specific',
      );
      if (untracked.length > 0)
        return {
          state: 'untracked',
          reason: `IAM records no last-used date for its service-specific credential (${untracked.map((c) => c.name ?? c.nativeId).join(', ')}), e.g. a Bedrock API key`,
        };
      return {
        state: 'known',
        source: 'credential report',
        absence: 'the credential report shows no password or access key use',
      };
    }
    case 'entra-service-principal':
    case 'entra-managed-identity':
    case 'entra-agent-identity':
    case 'entra-agent-blueprint-principal': {
      if (!collected(ctx, `${account}:servicePrincipalSignInActivities`) && !seen('sp-sign-in-activity'))
        return { state: 'missing', reason: 'no service principal sign-in activity report was collected' };
      if (typeof identity.attributes['appId'] !== 'string')
        return {
          state: 'untracked',
          reason: 'the service principal sign-in activity report is keyed by appId and this object has none',
        };
      return {
        state: 'known',
        source: 'service principal sign-in activity',
        absence: 'the sign-in activity report has no sign-in for its appId',
      };
    }
    default:
      return { state: 'missing', reason: `no usage source covers ${identity.kind}` };
  }
}
