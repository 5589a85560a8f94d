/**
 * Bulk AWS workloads that make an account look lived-in: ECS services, Lambda functions (some of
 * them LLM agents), EC2 fleets, Glue and Step Functions pipelines, SageMaker, CodeBuild, service
 * users and CI bots. Added until the account reaches its identity target.
 */
import { FOUNDATION_MODELS, REGIONS, REPOS, SERVICES, SUPPLIERS, UNITS } from '../company';
import type { AccountBuilder, InlinePolicy, KeySpec } from './account-builder';
import { lambdaAgentRole, modelArn } from './agent-roles';
import { awsManagedPolicyArn } from './managed-policies';
import { allow, awsTrust, policy, serviceTrust } from './policy-docs';
import { addLambdaFunction } from './workloads';
import type { Rng } from '../random';

type Template =
  | 'ecs'
  | 'lambda'
  | 'llm-lambda'
  | 'ec2'
  | 'glue'
  | 'sfn'
  | 'sagemaker'
  | 'codebuild'
  | 'cross-account'
  | 'scheduler'
  | 'kb'
  | 'service-user'
  | 'ci-bot'
  | 'bedrock-key';

const TEMPLATES: readonly (readonly [number, Template])[] = [
  [20, 'ecs'],
  [22, 'lambda'],
  [5, 'llm-lambda'],
  [10, 'ec2'],
  [5, 'glue'],
  [5, 'sfn'],
  [3, 'sagemaker'],
  [5, 'codebuild'],
  [3, 'cross-account'],
  [3, 'scheduler'],
  [1, 'kb'],
  [9, 'service-user'],
  [4, 'ci-bot'],
  [0.4, 'bedrock-key'],
];

export interface BulkContext {
  /** Other Northwind account ids, for internal cross-account trusts. */
  siblingAccounts: string[];
  boundary: string;
  ageDays: number;
}

export function fillAccount(acct: AccountBuilder, target: number, ctx: BulkContext): void {
  const gen = new BulkGenerator(acct, ctx);
  while (acct.identityCount < target) gen.add(acct.rng.weighted(TEMPLATES));
}

class BulkGenerator {
  private readonly rng: Rng;

  constructor(
    private readonly acct: AccountBuilder,
    private readonly ctx: BulkContext,
  ) {
    this.rng = acct.rng;
  }

  private region(): string {
    return this.rng.weighted([
      [7, REGIONS[0]],
      [2, REGIONS[1]],
      [1, REGIONS[2]],
    ]);
  }

  private serviceName(): string {
    return `${this.rng.pick(UNITS)}-${this.rng.pick(SERVICES)}`;
  }

  /** A name not yet used in the account for this kind. */
  private unique(kind: 'role' | 'user', base: string): string {
    if (!this.acct.has(`${kind}:${base}`)) return base;
    for (let n = 2; ; n++) {
      const name = `${base}-${n}`;
      if (!this.acct.has(`${kind}:${name}`)) return name;
    }
  }

  private created(): number {
    return this.rng.int(20, Math.max(21, this.ctx.ageDays - 5));
  }

  private lastUsed(): number | undefined {
    return this.rng.weighted<number | undefined>([
      [55, this.rng.int(0, 7)],
      [15, this.rng.int(8, 60)],
      [10, this.rng.int(61, 90)],
      [12, this.rng.int(91, 700)],
      [8, undefined],
    ]);
  }

  private bucket(svc: string): string {
    return `arn:aws:s3:::nw-${svc}-${this.rng.pick(['data', 'artifacts', 'exports', 'uploads'])}`;
  }

  /** Resource-scoped data access; occasionally careless (`*`). */
  private dataPolicy(svc: string, region: string): InlinePolicy {
    const id = this.acct.id;
    if (this.rng.chance(0.06)) {
      return { name: `${svc}-access`, document: policy(allow(['s3:*', 'dynamodb:*'], '*')) };
    }
    const b = this.bucket(svc);
    const statements = [
      allow(['s3:GetObject', 's3:PutObject'], `${b}/*`),
      allow(
        ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
        `arn:aws:dynamodb:${region}:${id}:table/nw-${svc}`,
      ),
    ];
    if (this.rng.chance(0.4))
      statements.push(
        allow(
          ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage'],
          `arn:aws:sqs:${region}:${id}:nw-${svc}-queue`,
        ),
      );
    if (this.rng.chance(0.2))
      statements.push(allow('kms:Decrypt', `arn:aws:kms:${region}:${id}:key/${this.rng.guid()}`));
    return { name: `${svc}-access`, document: policy(...statements) };
  }

  /** A small share of roles carry a risky extra grant, as real accounts do. */
  private riskyExtra(): { inline?: InlinePolicy; managed?: string } {
    if (!this.rng.chance(0.04)) return {};
    return this.rng.weighted<{ inline?: InlinePolicy; managed?: string }>([
      [3, { inline: { name: 'pass-role', document: policy(allow('iam:PassRole', '*')) } }],
      [2, { managed: awsManagedPolicyArn('AdministratorAccess') }],
      [
        2,
        {
          inline: { name: 'secrets-read-all', document: policy(allow('secretsmanager:GetSecretValue', '*')) },
        },
      ],
      [
        1,
        {
          inline: {
            name: 'iam-write',
            document: policy(allow(['iam:AttachRolePolicy', 'iam:PutRolePolicy'], '*')),
          },
        },
      ],
    ]);
  }

  add(t: Template): void {
    switch (t) {
      case 'ecs':
        return this.ecs();
      case 'lambda':
        return this.lambda();
      case 'llm-lambda':
        return this.llmLambda();
      case 'ec2':
        return this.ec2();
      case 'glue':
        return this.glue();
      case 'sfn':
        return this.sfn();
      case 'sagemaker':
        return this.sagemaker();
      case 'codebuild':
        return this.codebuild();
      case 'cross-account':
        return this.crossAccount();
      case 'scheduler':
        return this.scheduler();
      case 'kb':
        return this.knowledgeBase();
      case 'service-user':
        return this.serviceUser();
      case 'ci-bot':
        return this.ciBot();
      case 'bedrock-key':
        return this.bedrockKey();
    }
  }

  private ecs(): void {
    const svc = this.serviceName();
    const region = this.region();
    const extra = this.riskyExtra();
    this.acct.addRole({
      name: this.unique('role', `${svc}-task-role`),
      trust: serviceTrust('ecs-tasks.amazonaws.com'),
      inline: [this.dataPolicy(svc, region), ...(extra.inline ? [extra.inline] : [])],
      managed: extra.managed ? [extra.managed] : undefined,
      boundary: this.rng.chance(0.35) ? this.ctx.boundary : undefined,
      tags: { Service: svc, Environment: this.rng.pick(['prod', 'staging', 'dev']) },
      createdDaysAgo: this.created(),
      lastUsedDaysAgo: this.lastUsed(),
      lastUsedRegion: region,
    });
    if (this.rng.chance(0.5)) {
      this.acct.addRole({
        name: this.unique('role', `${svc}-task-execution-role`),
        trust: serviceTrust('ecs-tasks.amazonaws.com'),
        managed: [awsManagedPolicyArn('AmazonECSTaskExecutionRolePolicy')],
        createdDaysAgo: this.created(),
        lastUsedDaysAgo: this.lastUsed(),
        lastUsedRegion: region,
      });
    }
  }

  private lambda(): void {
    const fn = `nw-${this.serviceName()}-${this.rng.pick(['handler', 'worker', 'sync', 'processor', 'api'])}`;
    const region = this.region();
    const extra = this.riskyExtra();
    const managed = [awsManagedPolicyArn('AWSLambdaBasicExecutionRole')];
    if (this.rng.chance(0.2)) managed.push(awsManagedPolicyArn('AWSLambdaVPCAccessExecutionRole'));
    if (extra.managed) managed.push(extra.managed);
    const roleName = this.unique('role', `${fn}-role`);
    const roleArn = this.acct.addRole({
      name: roleName,
      path: this.rng.chance(0.3) ? '/service-role/' : '/',
      trust: serviceTrust('lambda.amazonaws.com'),
      managed,
      inline: [this.dataPolicy(fn.slice(3), region), ...(extra.inline ? [extra.inline] : [])],
      createdDaysAgo: this.created(),
      lastUsedDaysAgo: this.lastUsed(),
      lastUsedRegion: region,
    });
    // Some roles outlive their function.
    if (this.rng.chance(0.9)) {
      addLambdaFunction(this.acct, {
        name: roleName.replace(/-role(-\d+)?$/, '$1'),
        roleArn,
        region,
        runtime: this.rng.pick([
          'python3.12',
          'python3.11',
          'nodejs20.x',
          'nodejs18.x',
          'java21',
          'provided.al2023',
        ]),
        description: '',
        modifiedDaysAgo: this.rng.int(1, 600),
      });
    }
  }

  private llmLambda(): void {
    const region = this.region();
    const fn = `nw-${this.serviceName()}-${this.rng.pick(['agent', 'assistant', 'summarizer', 'classifier', 'copilot'])}`;
    const model = this.rng.pick(FOUNDATION_MODELS);
    const data: InlinePolicy[] = [];
    if (this.rng.chance(0.5)) {
      data.push({
        name: 'secrets',
        document: policy(
          allow(
            'secretsmanager:GetSecretValue',
            this.rng.chance(0.3)
              ? '*'
              : `arn:aws:secretsmanager:${region}:${this.acct.id}:secret:nw/${fn.slice(3)}/*`,
          ),
        ),
      });
    }
    if (this.rng.chance(0.6)) {
      const b = this.bucket(fn.slice(3));
      data.push({
        name: 'documents',
        document: policy(
          allow(['s3:GetObject', 's3:ListBucket'], this.rng.chance(0.25) ? '*' : [b, `${b}/*`]),
        ),
      });
    }
    const roleName = this.unique('role', `${fn}-role`);
    const roleArn = lambdaAgentRole(this.acct, {
      name: roleName,
      modelResources: this.rng.chance(0.4) ? '*' : modelArn(region, model),
      streaming: this.rng.chance(0.5),
      data,
      createdDaysAgo: this.rng.int(10, Math.min(700, this.ctx.ageDays)),
      lastUsedDaysAgo: this.lastUsed(),
      region,
      boundary: this.rng.chance(0.2) ? this.ctx.boundary : undefined,
    });
    addLambdaFunction(this.acct, {
      name: roleName.replace(/-role(-\d+)?$/, '$1'),
      roleArn,
      region,
      runtime: this.rng.pick(['python3.12', 'nodejs20.x']),
      description: 'LLM-backed function',
      modifiedDaysAgo: this.rng.int(1, 300),
      env: { MODEL_ID: model },
      memory: 1024,
      timeout: 120,
    });
  }

  private ec2(): void {
    const svc = this.serviceName();
    const extra = this.riskyExtra();
    const managed = [awsManagedPolicyArn('AmazonSSMManagedInstanceCore')];
    if (this.rng.chance(0.6)) managed.push(awsManagedPolicyArn('CloudWatchAgentServerPolicy'));
    if (this.rng.chance(0.3)) managed.push(awsManagedPolicyArn('AmazonEC2ContainerRegistryReadOnly'));
    if (extra.managed) managed.push(extra.managed);
    this.acct.addRole({
      name: this.unique('role', `${svc}-ec2-role`),
      trust: serviceTrust('ec2.amazonaws.com'),
      managed,
      inline: extra.inline ? [extra.inline] : [],
      instanceProfile: true,
      createdDaysAgo: this.created(),
      lastUsedDaysAgo: this.lastUsed(),
    });
  }

  private glue(): void {
    const name = `${this.rng.pick(UNITS)}-${this.rng.pick(['etl', 'crawler', 'ingest', 'curation'])}`;
    this.acct.addRole({
      name: this.unique('role', `AWSGlueServiceRole-${name}`),
      path: '/service-role/',
      trust: serviceTrust('glue.amazonaws.com'),
      managed: [awsManagedPolicyArn('AWSGlueServiceRole')],
      inline: [
        {
          name: 'data-lake',
          document: policy(
            allow(
              ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
              ['arn:aws:s3:::nw-data-lake', 'arn:aws:s3:::nw-data-lake/*'],
            ),
          ),
        },
      ],
      createdDaysAgo: this.created(),
      lastUsedDaysAgo: this.lastUsed(),
    });
  }

  private sfn(): void {
    const svc = this.serviceName();
    const region = this.region();
    this.acct.addRole({
      name: this.unique('role', `${svc}-sfn-role`),
      trust: serviceTrust('states.amazonaws.com', { StringEquals: { 'aws:SourceAccount': this.acct.id } }),
      inline: [
        {
          name: 'invoke-steps',
          document: policy(
            allow('lambda:InvokeFunction', `arn:aws:lambda:${region}:${this.acct.id}:function:nw-${svc}-*`),
          ),
        },
      ],
      createdDaysAgo: this.created(),
      lastUsedDaysAgo: this.lastUsed(),
      lastUsedRegion: region,
    });
  }

  private sagemaker(): void {
    // The console names the role after its creation time, so the role is created that day.
    const createdDaysAgo = Math.min(this.rng.int(30, 900), Math.max(21, this.ctx.ageDays - 5));
    const stamp = new Date(this.acct.clock.daysAgo(createdDaysAgo, this.rng))
      .toISOString()
      .replace(/[-:]/g, '')
      .slice(0, 15);
    // Drawn and unused: keeps the random stream, and every identity generated after this one, as before.
    this.created();
    this.acct.addRole({
      name: this.unique('role', `AmazonSageMaker-ExecutionRole-${stamp}`),
      path: '/service-role/',
      trust: serviceTrust('sagemaker.amazonaws.com'),
      managed: [awsManagedPolicyArn('AmazonSageMakerFullAccess')],
      inline: [
        {
          name: 'ml-buckets',
          document: policy(
            allow(
              ['s3:GetObject', 's3:PutObject', 's3:ListBucket'],
              ['arn:aws:s3:::nw-ml-*', 'arn:aws:s3:::nw-ml-*/*'],
            ),
          ),
        },
      ],
      createdDaysAgo,
      lastUsedDaysAgo: this.lastUsed(),
    });
  }

  private codebuild(): void {
    const repo = this.rng.pick(REPOS);
    const region = this.region();
    this.acct.addRole({
      name: this.unique('role', `codebuild-${repo}-service-role`),
      path: '/service-role/',
      trust: serviceTrust('codebuild.amazonaws.com'),
      inline: [
        {
          name: `CodeBuildBasePolicy-${repo}-${region}`,
          document: policy(
            allow(
              ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
              `arn:aws:logs:${region}:${this.acct.id}:log-group:/aws/codebuild/${repo}*`,
            ),
            allow(
              ['s3:PutObject', 's3:GetObject', 's3:GetBucketAcl', 's3:GetBucketLocation'],
              `arn:aws:s3:::codepipeline-${region}-*`,
            ),
            allow(['ecr:GetAuthorizationToken'], '*'),
          ),
        },
      ],
      createdDaysAgo: this.created(),
      lastUsedDaysAgo: this.lastUsed(),
      lastUsedRegion: region,
    });
  }

  private crossAccount(): void {
    const from = this.rng.pick(this.ctx.siblingAccounts);
    const svc = this.serviceName();
    this.acct.addRole({
      name: this.unique('role', `${svc}-cross-account-read`),
      trust: awsTrust(
        this.rng.chance(0.5) ? `arn:aws:iam::${from}:root` : `arn:aws:iam::${from}:role/${svc}-task-role`,
        this.rng.chance(0.3) ? { StringEquals: { 'aws:PrincipalOrgID': 'o-nw7k2q9x1f' } } : undefined,
      ),
      inline: [
        {
          name: 'read-exports',
          document: policy(
            allow(['s3:GetObject', 's3:ListBucket'], [this.bucket(svc), `${this.bucket(svc)}/*`]),
          ),
        },
      ],
      createdDaysAgo: this.created(),
      lastUsedDaysAgo: this.lastUsed(),
    });
  }

  private scheduler(): void {
    const region = this.region();
    this.acct.addRole({
      name: this.unique('role', `Amazon_EventBridge_Scheduler_LAMBDA_${this.rng.hex(10)}`),
      path: '/service-role/',
      trust: serviceTrust('scheduler.amazonaws.com', { StringEquals: { 'aws:SourceAccount': this.acct.id } }),
      inline: [
        {
          name: `Amazon-EventBridge-Scheduler-Execution-Policy-${this.rng.guid()}`,
          document: policy(
            allow('lambda:InvokeFunction', `arn:aws:lambda:${region}:${this.acct.id}:function:nw-*`),
          ),
        },
      ],
      createdDaysAgo: this.created(),
      lastUsedDaysAgo: this.lastUsed(),
      lastUsedRegion: region,
    });
  }

  private knowledgeBase(): void {
    const region = this.region();
    const id = this.acct.id;
    this.acct.addRole({
      name: this.unique('role', `AmazonBedrockExecutionRoleForKnowledgeBase_${this.rng.lowerAlnum(5)}`),
      path: '/service-role/',
      trust: serviceTrust('bedrock.amazonaws.com', {
        StringEquals: { 'aws:SourceAccount': id },
        ArnLike: { 'aws:SourceArn': `arn:aws:bedrock:${region}:${id}:knowledge-base/*` },
      }),
      inline: [
        {
          name: 'kb-access',
          document: policy(
            allow('bedrock:InvokeModel', modelArn(region, FOUNDATION_MODELS[3])),
            allow(
              ['s3:GetObject', 's3:ListBucket'],
              ['arn:aws:s3:::nw-knowledge-base', 'arn:aws:s3:::nw-knowledge-base/*'],
            ),
            allow('aoss:APIAccessAll', `arn:aws:aoss:${region}:${id}:collection/*`),
          ),
        },
      ],
      createdDaysAgo: this.created(),
      lastUsedDaysAgo: this.lastUsed(),
      lastUsedRegion: region,
    });
  }

  private key(maxAgeDays: number): KeySpec {
    const rotated = this.rng.int(5, maxAgeDays);
    const used = this.rng.chance(0.85)
      ? this.rng.int(0, Math.min(rotated, this.rng.chance(0.8) ? 10 : 400))
      : undefined;
    return {
      active: this.rng.chance(0.92),
      rotatedDaysAgo: rotated,
      lastUsedDaysAgo: used,
      region: this.region(),
      service: this.rng.pick(['s3', 'sts', 'dynamodb', 'sqs', 'ecr']),
    };
  }

  private serviceUser(): void {
    const supplier = this.rng
      .pick(SUPPLIERS)
      .toLowerCase()
      .replace(/[^a-z]+/g, '');
    const svc = this.rng.pick(SERVICES);
    this.acct.addUser({
      name: this.unique('user', `svc-${supplier}-${svc}`),
      path: '/service/',
      inline: [
        {
          name: `${svc}-read`,
          document: policy(
            allow(['s3:GetObject', 's3:ListBucket'], [this.bucket(svc), `${this.bucket(svc)}/*`]),
          ),
        },
      ],
      keys: this.rng.chance(0.9) ? [this.key(Math.min(1500, this.ctx.ageDays))] : [],
      createdDaysAgo: this.created(),
    });
  }

  private ciBot(): void {
    if (!this.acct.has('group:ci-bots')) {
      this.acct.addGroup({
        name: 'ci-bots',
        inline: [
          {
            name: 'ci-deploy',
            document: policy(allow(['cloudformation:*', 's3:PutObject', 's3:GetObject'], '*')),
          },
        ],
        createdDaysAgo: this.created(),
      });
    }
    const keys = [this.key(Math.min(1500, this.ctx.ageDays))];
    if (this.rng.chance(0.1)) keys.push(this.key(200));
    this.acct.addUser({
      name: this.unique('user', `ci-${this.rng.pick(REPOS)}-bot`),
      path: '/ci/',
      groups: ['ci-bots'],
      keys,
      createdDaysAgo: this.created(),
    });
  }

  private bedrockKey(): void {
    const name = this.unique('user', `BedrockAPIKey-${this.rng.lowerAlnum(4)}`);
    const created = this.rng.int(1, 300);
    this.acct.addUser({
      name,
      managed: [awsManagedPolicyArn('AmazonBedrockLimitedAccess')],
      createdDaysAgo: created,
    });
    this.acct.addServiceCredential({
      userName: name,
      serviceName: 'bedrock.amazonaws.com',
      status: 'Active',
      createdDaysAgo: created,
      validDays: this.rng.chance(0.5) ? this.rng.pick([1, 7, 30, 90, 365]) : undefined,
    });
  }
}
