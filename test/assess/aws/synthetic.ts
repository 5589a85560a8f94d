/**
 * A synthetic inventory for performance checks: identities across accounts sharing managed
 * policies, with inline policies, admins, denies, conditions and trusts mixed in.
 */
import type { PolicyStatement } from '../../../model/inventory';
import { InventoryBuilder } from './fixtures';

/** Deterministic pseudo-random numbers (LCG), so every run builds the same inventory. */
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const ACTION_POOL = [
  's3:GetObject',
  's3:PutObject',
  's3:List*',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'sqs:SendMessage',
  'sns:Publish',
  'logs:*',
  'ec2:Describe*',
  'lambda:InvokeFunction',
  'bedrock:InvokeModel',
  'bedrock:InvokeAgent',
  'secretsmanager:GetSecretValue',
  'kms:Decrypt',
  'ssm:GetParameter*',
  'iam:PassRole',
  'lambda:CreateFunction',
  'cloudwatch:PutMetricData',
  'states:StartExecution',
  'ecr:GetAuthorizationToken',
];

export function syntheticInventory(identities: number, policies: number, accounts: number, seed = 7) {
  const rand = rng(seed);
  const b = new InventoryBuilder();
  const accountIds = Array.from({ length: accounts }, (_, i) => String(100000000000 + i * 1111));
  const documents: { name: string; statements: PolicyStatement[]; account: string }[] = [];
  for (let i = 0; i < policies; i++) {
    const account = accountIds[i % accounts] ?? '';
    const statements: PolicyStatement[] = [];
    const n = 2 + rand(4);
    for (let s = 0; s < n; s++) {
      const actions = Array.from({ length: 1 + rand(4) }, () => ACTION_POOL[rand(ACTION_POOL.length)] ?? 's3:GetObject');
      const scoped = rand(3) === 0;
      statements.push({
        Effect: 'Allow',
        Action: actions,
        Resource: scoped ? `arn:aws:s3:::team-${rand(50)}-data/*` : '*',
        ...(rand(10) === 0 ? { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } } : {}),
      });
    }
    if (i % 50 === 0) statements.push({ Effect: 'Allow', Action: '*', Resource: '*' });
    if (i % 37 === 0) statements.push({ Effect: 'Deny', Action: 'iam:*', Resource: '*' });
    documents.push({ name: `team-policy-${i}`, statements, account });
  }
  for (let i = 0; i < identities; i++) {
    const account = accountIds[rand(accounts)] ?? '';
    const isRole = rand(5) !== 0;
    const id = isRole ? b.role(`workload-role-${i}`, { account }) : b.user(`svc-user-${i}`, { account });
    for (let k = 0; k < 3; k++) {
      const doc = documents[rand(policies)];
      if (!doc) continue;
      b.policy(id, doc.statements, { name: doc.name, arn: `arn:aws:iam::${doc.account}:policy/${doc.name}` });
    }
    if (rand(5) === 0)
      b.policy(id, [{ Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: `arn:aws:sqs:eu-west-1:${account}:queue-${i}` }]);
    if (isRole) {
      const t = rand(10);
      if (t < 3) b.trust(id, 'AWS', `arn:aws:iam::${account}:root`);
      else if (t < 7) b.trust(id, 'Service', 'lambda.amazonaws.com');
      else if (t < 8) b.trust(id, 'Service', 'bedrock.amazonaws.com');
      else b.trust(id, 'AWS', `arn:aws:iam::${accountIds[rand(accounts)]}:role/workload-role-${rand(identities)}`);
    }
  }
  return b.inventory;
}
