import { asi, nhi } from '../../frameworks';
import type { AwsIdentityPrivilege } from '../../aws-view';
import type { Identity } from '../../../model/inventory';
import type { AssessContext, Rule, RuleHit } from '../types';
import { isAgent, note } from '../helpers';
import { credentialImpact, credentialReach, evidenceFor, isSecretRead } from './credential-actions';

export const rule: Rule = {
  id: 'AA-AWS-PRIV-003',
  title: 'Can read or mint credentials',
  severity: 'high',
  area: 'aws-privilege',
  rationale:
    "Granted on broad resources, actions such as iam:CreateAccessKey (keys for any user), sts:AssumeRole on `*`, secretsmanager:GetSecretValue, redshift:GetClusterCredentials or the AgentCore token-vault reads hand out credentials of other principals, databases or third-party services. From there the identity, or whoever controls it such as a hijacked agent, reaches systems far beyond its own permissions. Actions whose credentials carry only the caller's own permissions (ecr:GetAuthorizationToken, sts:GetSessionToken, ...) are not enough on their own; the impact of each action is listed in assess/rules/aws-privilege/credential-actions.ts.",
  remediation:
    'Scope credential-returning and secret-reading actions to the specific user, role, secret, parameter or cluster ARNs the workload needs and remove them elsewhere; apply with `aws iam put-role-policy --role-name <role> --policy-name <name> --policy-document file://policy.json`. Where an AWS managed policy grants them (AmazonSSMManagedInstanceCore allows ssm:GetParameter(s) on `*`), encrypt secret parameters with a customer managed KMS key the role cannot use, or deny `ssm:GetParameter*` on secret paths in a permissions boundary.',
  references: [
    'https://github.com/salesforce/cloudsplaining#credentials-exposure',
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html',
  ],
  frameworks: [nhi(2), nhi(5), asi(3), asi(2)],
  appliesTo: { providers: ['aws'], kinds: ['aws-role', 'aws-user'] },
  evaluate(ctx, identity) {
    const p = ctx.aws.byIdentity.get(identity.id);
    if (!p || p.adminEquivalent) return [];
    const minted = credentialReach(p.credentialExposure?.actions ?? []);
    const secrets = (p.dataExfiltration?.actions ?? []).filter(isSecretRead);
    if (minted.length + secrets.length === 0) return [];
    return [hit(ctx, identity, p, minted, secrets)];
  },
};

function hit(
  ctx: AssessContext,
  identity: Identity,
  p: AwsIdentityPrivilege,
  minted: string[],
  secrets: string[],
): RuleHit {
  const exposure = p.credentialExposure;
  // The engine lists only its first actions; the total says whether more were cut.
  const cut = exposure !== undefined && (exposure.total ?? 0) > exposure.actions.length;
  const actions = [...minted, ...secrets];
  const shown = actions.slice(0, 8).join(', ');
  const rest = actions.length > 8 ? ` and ${actions.length - 8} more` : cut ? ' and more' : '';
  const who = isAgent(ctx, identity) ? `AI agent ${identity.name}` : identity.name;
  const ignored = (exposure?.actions ?? []).filter((a) => credentialImpact(a) === 'low');
  // Only medium-impact actions (service API keys, parameter reads) are a step removed from a takeover;
  // a cut list may hide high-impact ones, so it never lowers the severity.
  const medium = !cut && actions.every((a) => credentialImpact(a) !== 'high');
  const seen = new Set<string>();
  const evidence = [
    ...evidenceFor(exposure?.evidence ?? [], minted),
    ...evidenceFor(p.dataExfiltration?.evidence ?? [], secrets),
  ].filter((e) => {
    const key = `${e.ref ?? ''}|${e.summary}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    discriminator: 'credential-exposure',
    ...(medium ? { severity: 'medium' as const } : {}),
    message: `${who} can obtain credentials or secrets granted broadly: ${shown}${rest}`,
    evidence: [
      ...evidence,
      ...(ignored.length > 0
        ? [
            note(
              `Also granted, not counted: ${ignored.join(', ')} (their credentials carry only the caller's own permissions)`,
            ),
          ]
        : []),
    ],
  };
}
