/**
 * Zod schemas of the raw AWS shapes the offline import reads (and the live collector will read from
 * the SDK). Field names follow the AWS API references: IAM GetAccountAuthorizationDetails
 * (UserDetail, GroupDetail, RoleDetail, ManagedPolicyDetail), ListServiceSpecificCredentials,
 * Bedrock Agents GetAgent, AgentCore Control GetAgentRuntime and Lambda ListFunctions.
 *
 * Objects strip unknown keys: extra provider fields are tolerated but never carried on, which is
 * how secret-bearing fields (Lambda `Environment`, AgentCore `environmentVariables`,
 * `ServicePassword`, `ServiceCredentialSecret`) never get past parsing. Fields we use are typed
 * strictly. Optional fields accept `null` as absent. Dates accept ISO strings (CLI), epoch numbers
 * (REST JSON) and Date objects (SDK); Date objects become ISO strings.
 */
import { z } from 'zod';
import { policyStatementSchema } from '../../model/inventory';
import { IAM_ARN_PATTERN, IAM_POLICY_ARN_PATTERN } from './arn';
import { decodePolicyDocument } from './policy-document';

/** Optional, with `null` read as absent; the key stays optional in the output type. */
const opt = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === null ? undefined : v), schema.optional());

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * `date.toISOString()`, written out here for years 1000 to 9999: the built-in is several times
 * slower, and a large scan converts every date of every role. Other years (and invalid dates,
 * which throw) go to the built-in.
 */
function isoString(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999)) return date.toISOString();
  return (
    `${year}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}T` +
    `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}.` +
    `${pad3(date.getUTCMilliseconds())}Z`
  );
}

export const rawDateSchema = z
  .union([z.string(), z.number(), z.date()], { error: 'expected a date (string or number)' })
  .transform((v) => (v instanceof Date ? isoString(v) : v));

const iamArnSchema = z
  .string()
  .regex(IAM_ARN_PATTERN, { error: 'expected an IAM ARN (arn:aws:iam::<account>:...)' });
const policyArnSchema = z.string().regex(IAM_POLICY_ARN_PATTERN, {
  error: 'expected a managed policy ARN (arn:aws:iam::<account or aws>:policy/...)',
});
const arnSchema = z.string().startsWith('arn:', { error: 'expected an ARN' });

/** Statement may be one object or a list; it always comes out as a list. */
function statementList<T extends z.ZodType>(statement: T) {
  return z.preprocess(
    (v) => (v === undefined || v === null || Array.isArray(v) ? v : [v]),
    z.array(statement, { error: 'expected a Statement object or list' }),
  );
}

/**
 * Decoded and validated policy documents by their exact text, for one live scan. Trust policies and
 * AWS managed policies repeat across roles, pages and accounts (a 20,000-identity organization
 * carries some 36,000 documents but 11,000 distinct texts), and decoding, JSON parsing and
 * validating each copy again was a large share of a scan's CPU. Only documents that passed are
 * kept; a cached output is shared by every item with that text (nothing downstream mutates
 * documents or statements). The owner drops the cache with the scan.
 */
export class PolicyDocumentCache {
  // The entries live in each document schema, keyed by this object: one text may be valid as a
  // policy and not as a trust policy, and the entries go when the scan drops its cache.
  readonly kind = 'policy-document-cache';
}

let activeDocumentCache: PolicyDocumentCache | undefined;

/** Runs `validate` (synchronous, so nothing else can run meanwhile) with `cache` in use. */
export function withPolicyDocumentCache<T>(cache: PolicyDocumentCache, validate: () => T): T {
  const previous = activeDocumentCache;
  activeDocumentCache = cache;
  try {
    return validate();
  } finally {
    activeDocumentCache = previous;
  }
}

function documentSchema<T extends z.ZodType>(statement: T) {
  const decodeAndCheck = z
    .unknown()
    .transform((value, ctx) => {
      const decoded = decodePolicyDocument(value);
      if (!decoded.ok) {
        ctx.issues.push({ code: 'custom', message: decoded.problem, input: value });
        return z.NEVER;
      }
      return decoded.value;
    })
    .pipe(
      z.object({
        Version: opt(z.string()),
        Id: opt(z.string()),
        Statement: statementList(statement),
      }),
    );
  type Document = z.output<typeof decodeAndCheck>;
  const caches = new WeakMap<PolicyDocumentCache, Map<string, Document>>();
  // The document is checked by a parse of its own so that a text seen before can skip it; without
  // a cache in use (the offline import) every document takes that parse.
  return z.unknown().transform((value, ctx): Document => {
    const text = activeDocumentCache && typeof value === 'string' ? value : undefined;
    let cached: Map<string, Document> | undefined;
    if (activeDocumentCache && text !== undefined) {
      cached = caches.get(activeDocumentCache);
      if (!cached) caches.set(activeDocumentCache, (cached = new Map<string, Document>()));
      const hit = cached.get(text);
      if (hit) return hit;
    }
    const result = decodeAndCheck.safeParse(value);
    if (!result.success) {
      // Issues keep their code, message and path below the document (the parents prefix theirs);
      // their input was already dropped, as zod drops it from every reported issue.
      for (const issue of result.error.issues) ctx.issues.push({ ...issue, input: undefined });
      return z.NEVER;
    }
    if (text !== undefined) cached?.set(text, result.data);
    return result.data;
  });
}

/** A permissions policy document, decoded from any of its three forms. */
export const policyDocumentSchema = documentSchema(policyStatementSchema);
export type PolicyDocument = z.output<typeof policyDocumentSchema>;

/** Trust policy principals: "*" or a map of AWS / Service / Federated / CanonicalUser to one or more values. */
export const principalSchema = z.union(
  [z.literal('*'), z.record(z.string(), z.union([z.string(), z.array(z.string())]))],
  { error: 'expected "*" or an object of principal type to string or list of strings' },
);
export type RawPrincipal = z.output<typeof principalSchema>;

export const trustStatementSchema = policyStatementSchema.extend({
  Principal: principalSchema.optional(),
  NotPrincipal: principalSchema.optional(),
});
export type TrustStatement = z.output<typeof trustStatementSchema>;

export const trustPolicyDocumentSchema = documentSchema(trustStatementSchema);
export type TrustPolicyDocument = z.output<typeof trustPolicyDocumentSchema>;

export const tagSchema = z.object({ Key: z.string(), Value: z.string() });

export const inlinePolicySchema = z.object({
  PolicyName: z.string(),
  PolicyDocument: policyDocumentSchema,
});
export type RawInlinePolicy = z.output<typeof inlinePolicySchema>;

export const attachedPolicySchema = z.object({
  PolicyName: z.string(),
  PolicyArn: policyArnSchema,
});
export type RawAttachedPolicy = z.output<typeof attachedPolicySchema>;

export const permissionsBoundarySchema = z.object({
  PermissionsBoundaryType: opt(z.string()),
  PermissionsBoundaryArn: policyArnSchema,
});

export const instanceProfileSchema = z.object({
  InstanceProfileName: z.string(),
  InstanceProfileId: opt(z.string()),
  Arn: opt(arnSchema),
  Path: opt(z.string()),
});

export const roleLastUsedSchema = z.object({
  LastUsedDate: opt(rawDateSchema),
  Region: opt(z.string()),
});

export const roleDetailSchema = z.object({
  Path: opt(z.string()),
  RoleName: z.string(),
  RoleId: opt(z.string()),
  Arn: iamArnSchema,
  CreateDate: opt(rawDateSchema),
  Description: opt(z.string()),
  MaxSessionDuration: opt(z.number().int()),
  AssumeRolePolicyDocument: opt(trustPolicyDocumentSchema),
  InstanceProfileList: opt(z.array(instanceProfileSchema)),
  RolePolicyList: opt(z.array(inlinePolicySchema)),
  AttachedManagedPolicies: opt(z.array(attachedPolicySchema)),
  PermissionsBoundary: opt(permissionsBoundarySchema),
  Tags: opt(z.array(tagSchema)),
  RoleLastUsed: opt(roleLastUsedSchema),
});
export type RawRoleDetail = z.output<typeof roleDetailSchema>;

export const userDetailSchema = z.object({
  Path: opt(z.string()),
  UserName: z.string(),
  UserId: opt(z.string()),
  Arn: iamArnSchema,
  CreateDate: opt(rawDateSchema),
  UserPolicyList: opt(z.array(inlinePolicySchema)),
  GroupList: opt(z.array(z.string())),
  AttachedManagedPolicies: opt(z.array(attachedPolicySchema)),
  PermissionsBoundary: opt(permissionsBoundarySchema),
  Tags: opt(z.array(tagSchema)),
});
export type RawUserDetail = z.output<typeof userDetailSchema>;

export const groupDetailSchema = z.object({
  Path: opt(z.string()),
  GroupName: z.string(),
  GroupId: opt(z.string()),
  Arn: opt(iamArnSchema),
  CreateDate: opt(rawDateSchema),
  GroupPolicyList: opt(z.array(inlinePolicySchema)),
  AttachedManagedPolicies: opt(z.array(attachedPolicySchema)),
});
export type RawGroupDetail = z.output<typeof groupDetailSchema>;

export const policyVersionSchema = z.object({
  Document: opt(policyDocumentSchema),
  VersionId: opt(z.string()),
  IsDefaultVersion: opt(z.boolean()),
  CreateDate: opt(rawDateSchema),
});

export const managedPolicyDetailSchema = z.object({
  PolicyName: z.string(),
  PolicyId: opt(z.string()),
  Arn: policyArnSchema,
  Path: opt(z.string()),
  DefaultVersionId: opt(z.string()),
  AttachmentCount: opt(z.number().int()),
  PermissionsBoundaryUsageCount: opt(z.number().int()),
  IsAttachable: opt(z.boolean()),
  Description: opt(z.string()),
  CreateDate: opt(rawDateSchema),
  UpdateDate: opt(rawDateSchema),
  PolicyVersionList: opt(z.array(policyVersionSchema)),
});
export type RawManagedPolicy = z.output<typeof managedPolicyDetailSchema>;

const AUTH_LISTS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'] as const;

/** One GetAccountAuthorizationDetails response (an API page, or the CLI's merged output). */
export const authDetailsPageSchema = z
  .object(
    {
      UserDetailList: opt(z.array(userDetailSchema)),
      GroupDetailList: opt(z.array(groupDetailSchema)),
      RoleDetailList: opt(z.array(roleDetailSchema)),
      Policies: opt(z.array(managedPolicyDetailSchema)),
      IsTruncated: opt(z.boolean()),
      Marker: opt(z.string()),
    },
    { error: 'expected a JSON object (the output of aws iam get-account-authorization-details)' },
  )
  .superRefine((page, ctx) => {
    if (AUTH_LISTS.every((key) => page[key] === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: `not an IAM authorization details export: none of ${AUTH_LISTS.join(', ')}`,
      });
    }
  });
export type AuthDetailsPage = z.output<typeof authDetailsPageSchema>;

export const serviceSpecificCredentialSchema = z.object({
  UserName: z.string(),
  Status: z.enum(['Active', 'Inactive', 'Expired']),
  ServiceName: z.string(),
  ServiceUserName: opt(z.string()),
  ServiceCredentialAlias: opt(z.string()),
  ServiceSpecificCredentialId: z.string(),
  CreateDate: opt(rawDateSchema),
  ExpirationDate: opt(rawDateSchema),
});
export type RawServiceSpecificCredential = z.output<typeof serviceSpecificCredentialSchema>;

export const serviceSpecificCredentialsFileSchema = z.object(
  {
    ServiceSpecificCredentials: z.array(serviceSpecificCredentialSchema),
    IsTruncated: opt(z.boolean()),
    Marker: opt(z.string()),
  },
  { error: 'expected {"ServiceSpecificCredentials": [...]} (aws iam list-service-specific-credentials)' },
);

export const bedrockAgentSchema = z.object({
  agentId: z.string(),
  agentName: z.string(),
  agentArn: arnSchema,
  agentResourceRoleArn: iamArnSchema,
  foundationModel: opt(z.string()),
  agentStatus: opt(z.string()),
  agentVersion: opt(z.string()),
  createdAt: opt(rawDateSchema),
  updatedAt: opt(rawDateSchema),
});
export type RawBedrockAgent = z.output<typeof bedrockAgentSchema>;

export const bedrockAgentsFileSchema = z.object(
  {
    // Accept both the `.agent` objects the format names and whole GetAgent responses.
    agents: z.array(
      z.preprocess(
        (v) =>
          typeof v === 'object' && v !== null && 'agent' in v && !('agentId' in v)
            ? (v as { agent: unknown }).agent
            : v,
        bedrockAgentSchema,
      ),
    ),
  },
  { error: 'expected {"agents": [...]} (GetAgent .agent objects)' },
);

export const agentRuntimeSchema = z.object({
  agentRuntimeArn: arnSchema,
  agentRuntimeId: z.string(),
  agentRuntimeName: z.string(),
  agentRuntimeVersion: opt(z.string()),
  roleArn: iamArnSchema,
  workloadIdentityDetails: opt(z.object({ workloadIdentityArn: opt(z.string()) })),
  status: opt(z.string()),
  createdAt: opt(rawDateSchema),
  lastUpdatedAt: opt(rawDateSchema),
});
export type RawAgentRuntime = z.output<typeof agentRuntimeSchema>;

export const agentRuntimesFileSchema = z.object(
  { agentRuntimes: z.array(agentRuntimeSchema) },
  { error: 'expected {"agentRuntimes": [...]} (GetAgentRuntime responses)' },
);

export const lambdaFunctionSchema = z.object({
  FunctionName: z.string(),
  FunctionArn: arnSchema,
  Role: iamArnSchema,
  Runtime: opt(z.string()),
  PackageType: opt(z.string()),
  LastModified: opt(rawDateSchema),
});
export type RawLambdaFunction = z.output<typeof lambdaFunctionSchema>;

export const lambdaFunctionsFileSchema = z.object(
  { Functions: z.array(lambdaFunctionSchema) },
  { error: 'expected {"Functions": [...]} (aws lambda list-functions)' },
);

/** ListAccessKeys metadata joined with GetAccessKeyLastUsed (live scans, for users the report lacks). */
export const accessKeySchema = z.object({
  UserName: z.string(),
  AccessKeyId: z.string(),
  Status: z.enum(['Active', 'Inactive', 'Expired']),
  CreateDate: opt(rawDateSchema),
  LastUsedDate: opt(rawDateSchema),
  LastUsedServiceName: opt(z.string()),
  LastUsedRegion: opt(z.string()),
});
export type RawAccessKey = z.output<typeof accessKeySchema>;

/** An IAM Access Analyzer unused-access finding (ListFindingsV2 `FindingSummaryV2`). */
export const unusedAccessFindingSchema = z.object({
  id: z.string(),
  resource: opt(z.string()),
  resourceType: opt(z.string()),
  resourceOwnerAccount: opt(z.string()),
  status: z.string(),
  findingType: opt(z.string()),
  createdAt: opt(rawDateSchema),
  updatedAt: opt(rawDateSchema),
  analyzedAt: opt(rawDateSchema),
  /** The analyzer that reported it (added by the collector). */
  analyzerArn: opt(z.string()),
});
export type RawUnusedAccessFinding = z.output<typeof unusedAccessFindingSchema>;

/** GetServiceLastAccessedDetails for one role or user: every service its policies allow. */
export const servicesLastAccessedSchema = z.object({
  Arn: iamArnSchema,
  ServicesLastAccessed: z.array(
    z.object({
      ServiceName: opt(z.string()),
      ServiceNamespace: z.string(),
      LastAuthenticated: opt(rawDateSchema),
      LastAuthenticatedRegion: opt(z.string()),
      LastAuthenticatedEntity: opt(z.string()),
    }),
  ),
});
export type RawServicesLastAccessed = z.output<typeof servicesLastAccessedSchema>;

/** The JSON form of `aws iam get-credential-report`: the CSV, base64-encoded, in `Content`. */
export const credentialReportJsonSchema = z.object(
  {
    Content: z.string(),
    ReportFormat: opt(z.literal('text/csv', { error: 'expected "text/csv"' })),
    GeneratedTime: opt(rawDateSchema),
  },
  { error: 'expected {"Content": "<base64>", ...} (aws iam get-credential-report)' },
);

/** The credential report's columns (IAM User Guide, "Getting credential reports"). */
export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;
export type CredentialReportColumn = (typeof CREDENTIAL_REPORT_COLUMNS)[number];

/** Columns the transform reads; a file lacking any of them is not a credential report. */
export const REQUIRED_CREDENTIAL_REPORT_COLUMNS: readonly CredentialReportColumn[] =
  CREDENTIAL_REPORT_COLUMNS.filter((c) => c !== 'password_next_rotation');

/** One credential report row, values as written ('true', 'N/A', 'no_information', dates...). */
export type CredentialReportRow = Record<CredentialReportColumn, string>;

/** Optional areas of an account export; each gets a coverage row. */
export type AwsOptionalArea =
  | 'credential-report'
  | 'service-specific-credentials'
  | 'bedrock-agents'
  | 'agentcore-runtimes'
  | 'lambda-functions';

/** Areas only a live scan reads; they get a coverage row only when read or noted. */
export type AwsLiveArea = 'access-keys' | 'access-analyzer' | 'service-last-accessed';

export interface AreaNote {
  /** `complete`: read in full; the message only says how (live scans). */
  status: 'skipped' | 'failed' | 'partial' | 'complete';
  message: string;
}

/** Everything read for one AWS account, already validated by the schemas above. */
export interface AwsAccountRaw {
  /** Known account id (e.g. from the caller identity); otherwise taken from the ARNs. */
  accountId?: string;
  /** GetAccountAuthorizationDetails pages in order (one when the CLI merged them). */
  authDetails: AuthDetailsPage[];
  credentialReport?: CredentialReportRow[];
  serviceSpecificCredentials?: RawServiceSpecificCredential[];
  bedrockAgents?: RawBedrockAgent[];
  agentcoreRuntimes?: RawAgentRuntime[];
  lambdaFunctions?: RawLambdaFunction[];
  /** Live scans: access keys of users the credential report does not list (ListAccessKeys). */
  accessKeys?: RawAccessKey[];
  /** Live scans: active IAM Access Analyzer unused-access findings of existing analyzers. */
  unusedAccessFindings?: RawUnusedAccessFinding[];
  /** Live scans with service last-accessed data: granted versus used services per identity. */
  servicesLastAccessed?: RawServicesLastAccessed[];
  /** Why an optional area is absent or incomplete (file missing, access denied, region failed). */
  areaNotes?: Partial<Record<AwsOptionalArea | AwsLiveArea, AreaNote>>;
}
