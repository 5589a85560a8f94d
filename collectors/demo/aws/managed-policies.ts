/**
 * AWS managed policies the demo attaches. GetAccountAuthorizationDetails returns every attached
 * AWS managed policy with its versions, so each one here carries its document. Small policies are
 * verbatim; the large ones (ReadOnlyAccess, SecurityAudit, ...) keep their first statements only,
 * which is enough for privilege scoring and keeps the demo files small.
 */
import type { JsonObject } from '../types';

export interface AwsManagedPolicy {
  name: string;
  /** `/`, `/service-role/`, `/aws-service-role/`, `/job-function/`. */
  path: string;
  versionId: string;
  createDate: string;
  updateDate: string;
  document: JsonObject;
}

function doc(...statements: JsonObject[]): JsonObject {
  return { Version: '2012-10-17', Statement: statements };
}

const POLICIES: AwsManagedPolicy[] = [
  {
    name: 'AdministratorAccess',
    path: '/',
    versionId: 'v1',
    createDate: '2015-02-06T18:39:46Z',
    updateDate: '2015-02-06T18:39:46Z',
    document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
  },
  {
    name: 'ReadOnlyAccess',
    path: '/',
    versionId: 'v128',
    createDate: '2015-02-06T18:39:48Z',
    updateDate: '2025-06-12T16:52:21Z',
    document: doc({
      Sid: 'ReadOnlyActions',
      Effect: 'Allow',
      Action: [
        'a4b:Get*',
        'a4b:List*',
        'access-analyzer:GetAccessPreview',
        'acm:Describe*',
        'acm:Get*',
        'acm:List*',
        'bedrock:Get*',
        'bedrock:List*',
        'cloudtrail:Describe*',
        'cloudtrail:Get*',
        'dynamodb:BatchGetItem',
        'dynamodb:Describe*',
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:Scan',
        'ec2:Describe*',
        'iam:Get*',
        'iam:List*',
        'lambda:Get*',
        'lambda:List*',
        's3:Get*',
        's3:List*',
        'secretsmanager:DescribeSecret',
        'secretsmanager:List*',
        'sts:GetCallerIdentity',
      ],
      Resource: '*',
    }),
  },
  {
    name: 'PowerUserAccess',
    path: '/',
    versionId: 'v5',
    createDate: '2015-02-06T18:39:47Z',
    updateDate: '2023-07-06T22:04:19Z',
    document: doc(
      {
        Effect: 'Allow',
        NotAction: ['iam:*', 'organizations:*', 'account:*'],
        Resource: '*',
      },
      {
        Effect: 'Allow',
        Action: [
          'account:GetAccountInformation',
          'account:GetPrimaryEmail',
          'account:ListRegions',
          'iam:CreateServiceLinkedRole',
          'iam:DeleteServiceLinkedRole',
          'iam:ListRoles',
          'organizations:DescribeOrganization',
        ],
        Resource: '*',
      },
    ),
  },
  {
    name: 'SecurityAudit',
    path: '/',
    versionId: 'v52',
    createDate: '2015-02-06T18:41:01Z',
    updateDate: '2025-05-08T17:01:12Z',
    document: doc({
      Sid: 'BaseSecurityAuditStatement',
      Effect: 'Allow',
      Action: [
        'access-analyzer:GetAnalyzer',
        'access-analyzer:ListAnalyzers',
        'cloudtrail:DescribeTrails',
        'cloudtrail:GetEventSelectors',
        'config:Describe*',
        'ec2:Describe*',
        'iam:GenerateCredentialReport',
        'iam:Get*',
        'iam:List*',
        'iam:SimulateCustomPolicy',
        'iam:SimulatePrincipalPolicy',
        's3:GetBucketPolicy',
        's3:ListAllMyBuckets',
      ],
      Resource: '*',
    }),
  },
  {
    name: 'AmazonS3ReadOnlyAccess',
    path: '/',
    versionId: 'v3',
    createDate: '2015-02-06T18:40:59Z',
    updateDate: '2023-08-10T21:31:39Z',
    document: doc({
      Effect: 'Allow',
      Action: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'],
      Resource: '*',
    }),
  },
  {
    name: 'AmazonDynamoDBReadOnlyAccess',
    path: '/',
    versionId: 'v13',
    createDate: '2015-02-06T18:40:37Z',
    updateDate: '2024-01-17T18:32:22Z',
    document: doc({
      Effect: 'Allow',
      Action: [
        'dynamodb:BatchGetItem',
        'dynamodb:Describe*',
        'dynamodb:List*',
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:Scan',
        'dynamodb:PartiQLSelect',
      ],
      Resource: '*',
    }),
  },
  {
    name: 'AWSLambdaBasicExecutionRole',
    path: '/service-role/',
    versionId: 'v1',
    createDate: '2015-04-09T15:03:43Z',
    updateDate: '2015-04-09T15:03:43Z',
    document: doc({
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: '*',
    }),
  },
  {
    name: 'AWSLambdaVPCAccessExecutionRole',
    path: '/service-role/',
    versionId: 'v3',
    createDate: '2016-02-11T23:15:26Z',
    updateDate: '2024-01-05T22:37:27Z',
    document: doc({
      Sid: 'AWSLambdaVPCAccessExecutionPermissions',
      Effect: 'Allow',
      Action: [
        'logs:CreateLogGroup',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'ec2:CreateNetworkInterface',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeSubnets',
        'ec2:DeleteNetworkInterface',
        'ec2:AssignPrivateIpAddresses',
        'ec2:UnassignPrivateIpAddresses',
      ],
      Resource: '*',
    }),
  },
  {
    name: 'AmazonECSTaskExecutionRolePolicy',
    path: '/service-role/',
    versionId: 'v1',
    createDate: '2017-11-16T18:48:22Z',
    updateDate: '2017-11-16T18:48:22Z',
    document: doc({
      Effect: 'Allow',
      Action: [
        'ecr:GetAuthorizationToken',
        'ecr:BatchCheckLayerAvailability',
        'ecr:GetDownloadUrlForLayer',
        'ecr:BatchGetImage',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
      ],
      Resource: '*',
    }),
  },
  {
    name: 'AmazonEC2ContainerRegistryReadOnly',
    path: '/',
    versionId: 'v3',
    createDate: '2015-12-21T17:06:48Z',
    updateDate: '2019-12-10T20:56:47Z',
    document: doc({
      Effect: 'Allow',
      Action: [
        'ecr:GetAuthorizationToken',
        'ecr:BatchCheckLayerAvailability',
        'ecr:GetDownloadUrlForLayer',
        'ecr:GetRepositoryPolicy',
        'ecr:DescribeRepositories',
        'ecr:ListImages',
        'ecr:DescribeImages',
        'ecr:BatchGetImage',
        'ecr:GetLifecyclePolicy',
        'ecr:GetLifecyclePolicyPreview',
        'ecr:ListTagsForResource',
        'ecr:DescribeImageScanFindings',
      ],
      Resource: '*',
    }),
  },
  {
    name: 'AmazonSSMManagedInstanceCore',
    path: '/',
    versionId: 'v2',
    createDate: '2019-03-15T17:22:12Z',
    updateDate: '2019-05-23T16:54:21Z',
    document: doc(
      {
        Effect: 'Allow',
        Action: [
          'ssm:DescribeAssociation',
          'ssm:GetDeployablePatchSnapshotForInstance',
          'ssm:GetDocument',
          'ssm:DescribeDocument',
          'ssm:GetManifest',
          'ssm:GetParameter',
          'ssm:GetParameters',
          'ssm:ListAssociations',
          'ssm:ListInstanceAssociations',
          'ssm:PutInventory',
          'ssm:PutComplianceItems',
          'ssm:PutConfigurePackageResult',
          'ssm:UpdateAssociationStatus',
          'ssm:UpdateInstanceAssociationStatus',
          'ssm:UpdateInstanceInformation',
        ],
        Resource: '*',
      },
      {
        Effect: 'Allow',
        Action: [
          'ssmmessages:CreateControlChannel',
          'ssmmessages:CreateDataChannel',
          'ssmmessages:OpenControlChannel',
          'ssmmessages:OpenDataChannel',
        ],
        Resource: '*',
      },
    ),
  },
  {
    name: 'CloudWatchAgentServerPolicy',
    path: '/',
    versionId: 'v2',
    createDate: '2017-08-31T00:08:43Z',
    updateDate: '2018-01-24T22:04:17Z',
    document: doc({
      Effect: 'Allow',
      Action: [
        'cloudwatch:PutMetricData',
        'ec2:DescribeVolumes',
        'ec2:DescribeTags',
        'logs:PutLogEvents',
        'logs:DescribeLogStreams',
        'logs:DescribeLogGroups',
        'logs:CreateLogStream',
        'logs:CreateLogGroup',
      ],
      Resource: '*',
    }),
  },
  {
    name: 'AWSGlueServiceRole',
    path: '/service-role/',
    versionId: 'v6',
    createDate: '2017-08-14T13:37:39Z',
    updateDate: '2024-02-08T18:45:30Z',
    document: doc(
      {
        Effect: 'Allow',
        Action: [
          'glue:*',
          's3:GetBucketLocation',
          's3:ListBucket',
          's3:ListAllMyBuckets',
          's3:GetBucketAcl',
          'ec2:DescribeVpcEndpoints',
          'ec2:DescribeRouteTables',
          'ec2:CreateNetworkInterface',
          'ec2:DeleteNetworkInterface',
          'ec2:DescribeNetworkInterfaces',
          'ec2:DescribeSecurityGroups',
          'ec2:DescribeSubnets',
          'ec2:DescribeVpcAttribute',
          'iam:ListRolePolicies',
          'iam:GetRole',
          'iam:GetRolePolicy',
          'cloudwatch:PutMetricData',
        ],
        Resource: ['*'],
      },
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        Resource: ['arn:aws:s3:::aws-glue-*/*', 'arn:aws:s3:::*/*aws-glue-*/*'],
      },
    ),
  },
  {
    name: 'AmazonSageMakerFullAccess',
    path: '/',
    versionId: 'v29',
    createDate: '2017-11-29T23:03:19Z',
    updateDate: '2025-01-30T18:06:11Z',
    document: doc(
      {
        Sid: 'AllowAllNonAdminSageMakerActions',
        Effect: 'Allow',
        Action: ['sagemaker:*', 'sagemaker-geospatial:*'],
        NotResource: [
          'arn:aws:sagemaker:*:*:domain/*',
          'arn:aws:sagemaker:*:*:user-profile/*',
          'arn:aws:sagemaker:*:*:app/*',
          'arn:aws:sagemaker:*:*:space/*',
          'arn:aws:sagemaker:*:*:flow-definition/*',
        ],
      },
      {
        Sid: 'AllowPassRoleToSageMaker',
        Effect: 'Allow',
        Action: ['iam:PassRole'],
        Resource: 'arn:aws:iam::*:role/*',
        Condition: { StringEquals: { 'iam:PassedToService': ['sagemaker.amazonaws.com'] } },
      },
    ),
  },
  {
    name: 'AmazonBedrockLimitedAccess',
    path: '/',
    versionId: 'v2',
    createDate: '2025-06-29T22:22:00Z',
    updateDate: '2025-12-05T05:34:00Z',
    document: doc(
      {
        Sid: 'BedrockAPIs',
        Effect: 'Allow',
        Action: [
          'bedrock:Get*',
          'bedrock:List*',
          'bedrock:CallWithBearerToken',
          'bedrock:BatchDeleteEvaluationJob',
          'bedrock:CreateEvaluationJob',
          'bedrock:CreateGuardrail',
          'bedrock:CreateInferenceProfile',
          'bedrock:CreateModelCustomizationJob',
          'bedrock:CreateModelInvocationJob',
          'bedrock:InvokeModel',
          'bedrock:InvokeModelWithResponseStream',
          'bedrock:Converse',
          'bedrock:ConverseStream',
        ],
        Resource: '*',
      },
      {
        Sid: 'DescribeKey',
        Effect: 'Allow',
        Action: ['kms:DescribeKey'],
        Resource: 'arn:*:kms:*:::*',
      },
    ),
  },
  {
    name: 'AmazonBedrockFullAccess',
    path: '/',
    versionId: 'v8',
    createDate: '2023-12-12T19:07:37Z',
    updateDate: '2025-03-19T21:12:11Z',
    document: doc(
      { Sid: 'BedrockAll', Effect: 'Allow', Action: ['bedrock:*'], Resource: '*' },
      {
        Sid: 'PassRoleToBedrock',
        Effect: 'Allow',
        Action: ['iam:PassRole'],
        Resource: 'arn:aws:iam::*:role/*AmazonBedrock*',
        Condition: { StringEquals: { 'iam:PassedToService': ['bedrock.amazonaws.com'] } },
      },
    ),
  },
  {
    name: 'AWSXrayWriteOnlyAccess',
    path: '/',
    versionId: 'v2',
    createDate: '2016-12-01T18:19:53Z',
    updateDate: '2023-02-21T19:06:39Z',
    document: doc({
      Sid: 'AWSXRayDaemonWriteAccess',
      Effect: 'Allow',
      Action: [
        'xray:PutTraceSegments',
        'xray:PutTelemetryRecords',
        'xray:GetSamplingRules',
        'xray:GetSamplingTargets',
        'xray:GetSamplingStatisticSummaries',
      ],
      Resource: ['*'],
    }),
  },
  {
    name: 'AWSStepFunctionsReadOnlyAccess',
    path: '/',
    versionId: 'v4',
    createDate: '2017-01-10T21:46:19Z',
    updateDate: '2023-11-20T18:18:59Z',
    document: doc({
      Effect: 'Allow',
      Action: ['states:ListStateMachines', 'states:DescribeStateMachine', 'states:DescribeExecution'],
      Resource: '*',
    }),
  },
  {
    name: 'AWSCodeBuildDeveloperAccess',
    path: '/',
    versionId: 'v15',
    createDate: '2016-12-01T19:02:32Z',
    updateDate: '2024-06-20T20:35:27Z',
    document: doc({
      Sid: 'AWSServicesAccess',
      Effect: 'Allow',
      Action: ['codebuild:StartBuild', 'codebuild:StopBuild', 'codebuild:BatchGet*', 'codebuild:List*'],
      Resource: '*',
    }),
  },
  // Service-linked role policies (path /aws-service-role/).
  slr('AWSSupportServiceRolePolicy', 'v39', '2018-04-19T18:04:44Z', ['support:*', 'iam:GetRole']),
  slr('AWSTrustedAdvisorServiceRolePolicy', 'v12', '2018-02-22T21:24:25Z', [
    'ec2:Describe*',
    'iam:GetAccountSummary',
  ]),
  slr('AWSOrganizationsServiceTrustPolicy', 'v3', '2017-10-10T23:04:07Z', ['iam:DeleteRole']),
  slr('AWSSSOServiceRolePolicy', 'v24', '2017-12-05T18:36:15Z', [
    'iam:AttachRolePolicy',
    'iam:CreateRole',
    'iam:CreateSAMLProvider',
  ]),
  slr('AWSElasticLoadBalancingServiceRolePolicy', 'v8', '2017-09-19T22:19:04Z', [
    'ec2:DescribeAddresses',
    'ec2:CreateNetworkInterface',
  ]),
  slr('AmazonECSServiceRolePolicy', 'v9', '2017-10-17T18:14:01Z', [
    'ec2:AttachNetworkInterface',
    'ec2:CreateNetworkInterface',
    'elasticloadbalancing:RegisterTargets',
  ]),
  slr('AutoScalingServiceRolePolicy', 'v9', '2018-01-08T23:10:55Z', [
    'ec2:RunInstances',
    'ec2:TerminateInstances',
    'iam:PassRole',
  ]),
  slr('AmazonGuardDutyServiceRolePolicy', 'v13', '2017-11-28T20:12:59Z', [
    'ec2:DescribeInstances',
    'ec2:DescribeImages',
  ]),
  slr('AWSConfigServiceRolePolicy', 'v62', '2018-05-30T23:31:46Z', [
    'config:Put*',
    'ec2:Describe*',
    'iam:GetRole',
  ]),
  slr('AccessAnalyzerServiceRolePolicy', 'v15', '2019-12-02T17:13:34Z', [
    'iam:GetRole',
    'iam:ListRoles',
    's3:GetBucketPolicy',
  ]),
  slr('CloudTrailServiceRolePolicy', 'v4', '2018-10-24T21:21:44Z', [
    'organizations:DescribeOrganization',
    'organizations:ListAccounts',
  ]),
  slr('AmazonRDSServiceRolePolicy', 'v20', '2018-01-08T18:17:46Z', [
    'ec2:CreateNetworkInterface',
    'ec2:DescribeVpcs',
    'logs:CreateLogGroup',
  ]),
];

function slr(name: string, versionId: string, created: string, actions: string[]): AwsManagedPolicy {
  return {
    name,
    path: '/aws-service-role/',
    versionId,
    createDate: created,
    updateDate: created.replace(/^\d{4}/, '2025'),
    document: doc({ Effect: 'Allow', Action: actions, Resource: '*' }),
  };
}

const BY_NAME = new Map(POLICIES.map((p) => [p.name, p]));

export function awsManagedPolicy(name: string): AwsManagedPolicy {
  const p = BY_NAME.get(name);
  if (!p) throw new Error(`demo: unknown AWS managed policy ${name}`);
  return p;
}

export function awsManagedPolicyArn(name: string): string {
  const p = awsManagedPolicy(name);
  return `arn:aws:iam::aws:policy${p.path}${p.name}`;
}

/** Service-linked roles every account has: role name, service principal, path suffix, policy. */
export const SERVICE_LINKED_ROLES: readonly (readonly [string, string, string])[] = [
  ['AWSServiceRoleForSupport', 'support.amazonaws.com', 'AWSSupportServiceRolePolicy'],
  ['AWSServiceRoleForTrustedAdvisor', 'trustedadvisor.amazonaws.com', 'AWSTrustedAdvisorServiceRolePolicy'],
  ['AWSServiceRoleForOrganizations', 'organizations.amazonaws.com', 'AWSOrganizationsServiceTrustPolicy'],
  ['AWSServiceRoleForSSO', 'sso.amazonaws.com', 'AWSSSOServiceRolePolicy'],
  [
    'AWSServiceRoleForElasticLoadBalancing',
    'elasticloadbalancing.amazonaws.com',
    'AWSElasticLoadBalancingServiceRolePolicy',
  ],
  ['AWSServiceRoleForECS', 'ecs.amazonaws.com', 'AmazonECSServiceRolePolicy'],
  ['AWSServiceRoleForAutoScaling', 'autoscaling.amazonaws.com', 'AutoScalingServiceRolePolicy'],
  ['AWSServiceRoleForAmazonGuardDuty', 'guardduty.amazonaws.com', 'AmazonGuardDutyServiceRolePolicy'],
  ['AWSServiceRoleForConfig', 'config.amazonaws.com', 'AWSConfigServiceRolePolicy'],
  ['AWSServiceRoleForAccessAnalyzer', 'access-analyzer.amazonaws.com', 'AccessAnalyzerServiceRolePolicy'],
  ['AWSServiceRoleForCloudTrail', 'cloudtrail.amazonaws.com', 'CloudTrailServiceRolePolicy'],
  ['AWSServiceRoleForRDS', 'rds.amazonaws.com', 'AmazonRDSServiceRolePolicy'],
];
