/**
 * Synthetic inventories for performance checks, shaped like real estates: most identities are
 * workload roles built from a few hundred templates (combinations of shared managed policies),
 * some with an inline policy of their own; a few developer policies with iam:PassRole, a few
 * administrators, deny guardrails, conditions, and trusts to services, accounts and roles.
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

const APP_ACTIONS = [
  's3:GetObject',
  's3:PutObject',
  's3:ListBucket',
  'dynamodb:Query',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'sqs:SendMessage',
  'sqs:ReceiveMessage',
  'sns:Publish',
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'bedrock:InvokeModel',
  'bedrock:InvokeAgent',
  'bedrock:Retrieve',
  'secretsmanager:GetSecretValue',
  'kms:Decrypt',
  'ssm:GetParameter',
  'cloudwatch:PutMetricData',
  'states:StartExecution',
  'events:PutEvents',
];

function policyDocument(i: number, rand: (n: number) => number): PolicyStatement[] {
  const kind = i % 100;
  if (kind < 2) return [{ Effect: 'Allow', Action: '*', Resource: '*' }];
  if (kind < 7)
    return [
      {
        Effect: 'Allow',
        Action: ['lambda:*', 'ecs:RunTask', 'ecs:RegisterTaskDefinition', 'logs:*'],
        Resource: '*',
      },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: kind < 4 ? '*' : 'arn:aws:iam::*:role/app-*' },
    ];
  if (kind < 10) return [{ Effect: 'Deny', Action: ['iam:*', 'organizations:*'], Resource: '*' }];
  if (kind < 15)
    return [{ Effect: 'Allow', Action: ['ec2:Describe*', 's3:List*', 'cloudwatch:Get*'], Resource: '*' }];
  const statements: PolicyStatement[] = [];
  const n = 1 + rand(3);
  for (let s = 0; s < n; s++) {
    const actions = Array.from(
      { length: 1 + rand(4) },
      () => APP_ACTIONS[rand(APP_ACTIONS.length)] ?? 's3:GetObject',
    );
    statements.push({
      Effect: 'Allow',
      Action: actions,
      Resource: rand(3) === 0 ? '*' : `arn:aws:s3:::team-${rand(50)}-data/*`,
      ...(rand(12) === 0 ? { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } } : {}),
    });
  }
  return statements;
}

export function syntheticInventory(identities: number, policies: number, accounts: number, seed = 7) {
  const rand = rng(seed);
  const b = new InventoryBuilder();
  const accountIds = Array.from({ length: accounts }, (_, i) => String(100000000000 + i * 1111));
  const documents = Array.from({ length: policies }, (_, i) => ({
    name: `shared-policy-${i}`,
    statements: policyDocument(i, rand),
  }));
  // Templates: combinations of 1-3 shared policies; popular ones are picked far more often.
  const templates = Array.from({ length: Math.max(20, Math.floor(policies * 2)) }, () =>
    Array.from({ length: 1 + rand(3) }, () => rand(policies)),
  );
  const pickTemplate = () => templates[Math.min(rand(templates.length), rand(templates.length))] ?? [];
  for (let i = 0; i < identities; i++) {
    const account = accountIds[rand(accounts)] ?? '';
    const isRole = rand(6) !== 0;
    const name = isRole ? `app-${i}-role` : `svc-user-${i}`;
    const id = isRole ? b.role(name, { account }) : b.user(name, { account });
    for (const p of pickTemplate()) {
      const doc = documents[p];
      if (doc)
        b.policy(id, doc.statements, { name: doc.name, arn: `arn:aws:iam::${account}:policy/${doc.name}` });
    }
    if (rand(5) === 0)
      b.policy(id, [
        {
          Effect: 'Allow',
          Action: 'sqs:ReceiveMessage',
          Resource: `arn:aws:sqs:eu-west-1:${account}:queue-${i}`,
        },
      ]);
    if (isRole) {
      const t = rand(20);
      if (t < 8) b.trust(id, 'Service', 'lambda.amazonaws.com');
      else if (t < 11) b.trust(id, 'Service', 'ecs-tasks.amazonaws.com');
      else if (t < 13) b.trust(id, 'Service', 'bedrock.amazonaws.com');
      else if (t < 16) b.trust(id, 'AWS', `arn:aws:iam::${accountIds[rand(accounts)]}:root`);
      else if (t < 18)
        b.trust(id, 'AWS', `arn:aws:iam::${accountIds[rand(accounts)]}:role/app-${rand(identities)}-role`);
      else b.trust(id, 'Service', 'ec2.amazonaws.com');
    }
  }
  return b.inventory;
}
