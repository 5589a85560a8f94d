/** A synthetic but realistic mixed inventory of any size, deterministic for a given size. */
import type { Inventory } from '../../model/inventory';
import {
  OTHER_ACCOUNT,
  accessKey,
  activity,
  appRole,
  awsRole,
  awsTrust,
  awsUser,
  clientSecret,
  daysAgo,
  daysAhead,
  entraApp,
  entraSp,
  githubTrust,
  inventory,
  owner,
  statement,
  workload,
} from './fixtures';

export function scaleInventory(n: number): Inventory {
  const inv = inventory({});
  for (let i = 0; i < n; i++) {
    switch (i % 5) {
      case 0: {
        const r = awsRole(`agent-${i}`);
        inv.identities.push(r);
        inv.trusts.push(awsTrust(r, 'Service', 'bedrock.amazonaws.com'));
        inv.grants.push(
          statement(r, { Effect: 'Allow', Action: ['bedrock:InvokeModel', 's3:GetObject'], Resource: '*' }),
        );
        inv.workloads.push(workload(r, 'bedrock-agent', `a${i}`), workload(r, 'bedrock-agent', `b${i}`));
        inv.activities.push(activity(r, daysAgo(i % 200)));
        break;
      }
      case 1: {
        const u = awsUser(`svc-${i}`);
        inv.identities.push(u);
        inv.credentials.push(
          accessKey(u, 1, { createdAt: daysAgo(i % 300), lastUsedAt: daysAgo(i % 60) }),
          accessKey(u, 2),
        );
        inv.grants.push(statement(u, { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }));
        break;
      }
      case 2: {
        const r = awsRole(`gha-${i}`);
        inv.identities.push(r);
        inv.trusts.push(
          githubTrust(r, {
            StringLike: {
              'token.actions.githubusercontent.com:sub':
                i % 2 ? 'repo:contoso/*' : 'repo:contoso/app:ref:refs/heads/main',
            },
          }),
          awsTrust(r, 'AWS', `arn:aws:iam::${OTHER_ACCOUNT}:root`),
        );
        break;
      }
      case 3: {
        const sp = entraSp(`App ${i}`, `sp-${i}`);
        const app = entraApp(
          `App ${i}`,
          `app-${i}`,
          sp,
          i % 3 ? { owners: [owner(`u${i}@contoso.com`, i % 7 !== 0)] } : {},
        );
        inv.identities.push(sp, app);
        inv.credentials.push(
          clientSecret(app, `k-${i}`, { createdAt: daysAgo(i % 400), expiresAt: daysAhead((i % 900) - 100) }),
        );
        inv.grants.push(
          appRole(
            sp,
            ['User.Read.All', 'Mail.ReadWrite', 'Application.ReadWrite.All', 'Sites.Read.All'][i % 4] ??
              'User.Read.All',
          ),
        );
        break;
      }
      default: {
        const agent = { ...entraSp(`Agent ${i}`, `agent-${i}`), kind: 'entra-agent-identity' as const };
        inv.identities.push(agent);
        inv.grants.push(appRole(agent, i % 2 ? 'Files.ReadWrite.All' : 'Chat.Read.All'));
        inv.activities.push(activity(agent, daysAgo(i % 150), 'sp-sign-in-activity'));
      }
    }
  }
  return inv;
}
