import { cisAws, nhi } from '../../frameworks';
import { rowsOf } from '../../inventory-index';
import { awsUserName, credentialEvidence, isAgent, note } from '../helpers';
import type { Rule } from '../types';

/** Names teams give automation users. */
const SERVICE_USER_NAME =
  /(^|[-_.])(svc|service|bot|robot|automation|ci|cd|deploy|deployer|pipeline|jenkins|github|gitlab|terraform|api|app|integration|sync|agent|batch|etl)([-_.]|$)/i;

export const rule: Rule = {
  id: 'AA-AWS-USER-001',
  title: 'Console password on a non-human IAM user',
  severity: 'medium',
  area: 'aws-credentials',
  rationale:
    'A workload never needs the AWS console. A password on a user that also holds access keys, a Bedrock API key or an agent role means a person can sign in as the workload, mixing human and machine use of one identity and bypassing the controls meant for people (SSO, MFA policy, offboarding).',
  remediation:
    'Remove console access from the workload user: `aws iam delete-login-profile --user-name <user>`. People who need the console should use IAM Identity Center or their own federated role.',
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_admin-change-user.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-users-federation-idp',
  ],
  frameworks: [nhi(10), nhi(4), ...cisAws('1.10', null)],
  appliesTo: { providers: ['aws'], kinds: ['aws-user'] },
  evaluate(ctx, identity) {
    const credentials = rowsOf(ctx.index.credentials, identity.id);
    const password = credentials.find((c) => c.kind === 'password' && c.status === 'active');
    if (!password) return [];
    const reasons: string[] = [];
    const machineCredentials = credentials.filter(
      (c) => (c.kind === 'access-key' || c.kind === 'service-specific') && c.status === 'active',
    );
    if (machineCredentials.length > 0)
      reasons.push(`holds ${machineCredentials.map((c) => c.name ?? c.kind).join(', ')}`);
    if (isAgent(ctx, identity)) reasons.push('is classified as an AI agent');
    if (SERVICE_USER_NAME.test(awsUserName(identity))) reasons.push('is named like a service account');
    if (reasons.length === 0) return [];
    return [
      {
        discriminator: 'console-password',
        message: `${awsUserName(identity)} is likely non-human (it ${reasons.join(' and ')}) but has a console password`,
        evidence: [
          credentialEvidence(password, 'Console password enabled'),
          ...machineCredentials.map((c) => credentialEvidence(c, `${c.name ?? c.kind} is active`)),
          note(`Non-human because it ${reasons.join(' and ')}`),
        ],
      },
    ];
  },
};
