/**
 * The normalized inventory: what every collector and import produces and what assess/ reads.
 * Zod schemas are the source of truth; TypeScript types are inferred from them.
 *
 * Stable ids are `${provider}:${nativeId}` so the same identity keeps its id across scans,
 * sources and imports (see `stableId`).
 *
 * Never a secret value: credentials carry metadata only (ids, dates, status). Fields that
 * providers fill with secret material (Graph `secretText`, the first characters in `hint`,
 * AWS `SecretAccessKey`) have no place in these schemas and are dropped by the transforms.
 */
import { z } from 'zod';

export const providerSchema = z.enum(['aws', 'entra']);
export type Provider = z.infer<typeof providerSchema>;

export const identityKindSchema = z.enum([
  'aws-role',
  'aws-user',
  'aws-root',
  'entra-service-principal',
  'entra-application',
  'entra-managed-identity',
  'entra-agent-identity',
  'entra-agent-blueprint',
  'entra-agent-blueprint-principal',
  'api-key',
]);
export type IdentityKind = z.infer<typeof identityKindSchema>;

/** ISO-8601 timestamp in UTC, normalised by the transforms (`toIsoUtc`). */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);

/** Free-form provider detail kept for evidence; JSON values only. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export const jsonValueSchema: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(jsonValueSchema),
    z.record(z.string(), jsonValueSchema),
  ]),
);
export const attributesSchema = z.record(z.string(), jsonValueSchema);
export type Attributes = z.infer<typeof attributesSchema>;

export const principalRefSchema = z.object({
  /** Stable id when the principal is itself in the inventory, e.g. `entra:<objectId>`. */
  id: z.string().optional(),
  nativeId: z.string(),
  displayName: z.string().optional(),
  /** user, group, servicePrincipal, application, role, ... as the provider names it. */
  type: z.string(),
  /** Sign-in name or mail for people, so a report can say who answers for an identity. */
  principalName: z.string().optional(),
  enabled: z.boolean().optional(),
});
export type PrincipalRef = z.infer<typeof principalRefSchema>;

export const ownerSchema = principalRefSchema.extend({
  relation: z.enum(['owner', 'sponsor']),
});
export type Owner = z.infer<typeof ownerSchema>;

export const identitySchema = z.object({
  id: z.string(),
  provider: providerSchema,
  kind: identityKindSchema,
  /** ARN for AWS, directory object id for Entra. */
  nativeId: z.string(),
  name: z.string(),
  displayName: z.string().optional(),
  description: z.string().optional(),
  /** AWS account id or Entra tenant id. */
  account: z.string(),
  createdAt: isoDateSchema.optional(),
  enabled: z.boolean(),
  tags: z.record(z.string(), z.string()),
  owners: z.array(ownerSchema),
  /** Provider specifics: path, permissions boundary, appId, servicePrincipalType, signInAudience, ... */
  attributes: attributesSchema,
});
export type Identity = z.infer<typeof identitySchema>;

export const credentialKindSchema = z.enum([
  'access-key',
  'password',
  'signing-certificate',
  'client-secret',
  'certificate',
  'federated-credential',
  'service-specific',
]);
export type CredentialKind = z.infer<typeof credentialKindSchema>;

export const credentialStatusSchema = z.enum(['active', 'inactive', 'expired']);

export const credentialSchema = z.object({
  id: z.string(),
  identityId: z.string(),
  provider: providerSchema,
  kind: credentialKindSchema,
  /** A non-secret identifier: access key id or slot, Graph keyId, federated credential id. */
  nativeId: z.string(),
  name: z.string().optional(),
  createdAt: isoDateSchema.optional(),
  expiresAt: isoDateSchema.optional(),
  lastUsedAt: isoDateSchema.optional(),
  status: credentialStatusSchema,
  attributes: attributesSchema,
});
export type Credential = z.infer<typeof credentialSchema>;

export const grantKindSchema = z.enum([
  'aws-policy-statement',
  'aws-permissions-boundary',
  'aws-managed-policy-ref',
  'entra-app-role',
  'entra-delegated-scope',
  'entra-directory-role',
]);
export type GrantKind = z.infer<typeof grantKindSchema>;

/** An IAM policy statement exactly as written (decoded JSON). */
export const policyStatementSchema = z
  .object({
    Sid: z.string().optional(),
    Effect: z.enum(['Allow', 'Deny']),
    Action: z.union([z.string(), z.array(z.string())]).optional(),
    NotAction: z.union([z.string(), z.array(z.string())]).optional(),
    Resource: z.union([z.string(), z.array(z.string())]).optional(),
    NotResource: z.union([z.string(), z.array(z.string())]).optional(),
    Principal: jsonValueSchema.optional(),
    NotPrincipal: jsonValueSchema.optional(),
    Condition: z.record(z.string(), z.record(z.string(), jsonValueSchema)).optional(),
  })
  .passthrough();
export type PolicyStatement = z.infer<typeof policyStatementSchema>;

const grantBase = z.object({
  id: z.string(),
  identityId: z.string(),
  provider: providerSchema,
});

export const awsPolicyGrantSchema = grantBase.extend({
  kind: z.enum(['aws-policy-statement', 'aws-permissions-boundary']),
  /** inline or managed; for users, `attachedVia` names the group when inherited. */
  policyType: z.enum(['inline', 'managed']),
  policyName: z.string(),
  policyArn: z.string().optional(),
  attachedVia: z.string().optional(),
  statementIndex: z.number().int().nonnegative(),
  statement: policyStatementSchema,
  /** What the statement applies to, flattened for display: Resource or `NOT <NotResource>`. */
  resource: z.string(),
});

/** A managed policy is attached but its document was not in the export (e.g. AWS managed, filtered out). */
export const awsPolicyRefGrantSchema = grantBase.extend({
  kind: z.literal('aws-managed-policy-ref'),
  policyName: z.string(),
  policyArn: z.string(),
  attachedVia: z.string().optional(),
  resource: z.string(),
});

export const entraAppRoleGrantSchema = grantBase.extend({
  kind: z.literal('entra-app-role'),
  /** The resource service principal (e.g. Microsoft Graph) and its stable id. */
  resourceId: z.string(),
  resourceName: z.string(),
  resourceAppId: z.string().optional(),
  permissionId: z.string(),
  /** Permission value resolved from the tenant's resource appRoles, e.g. `Directory.ReadWrite.All`. */
  permission: z.string(),
  createdAt: isoDateSchema.optional(),
  resource: z.string(),
});

export const entraDelegatedGrantSchema = grantBase.extend({
  kind: z.literal('entra-delegated-scope'),
  resourceId: z.string(),
  resourceName: z.string(),
  /** Space-separated scopes split into single permissions, one grant per scope. */
  permission: z.string(),
  consentType: z.enum(['AllPrincipals', 'Principal']),
  principalId: z.string().optional(),
  resource: z.string(),
});

export const entraDirectoryRoleGrantSchema = grantBase.extend({
  kind: z.literal('entra-directory-role'),
  roleDefinitionId: z.string(),
  roleName: z.string(),
  isPrivileged: z.boolean().optional(),
  isBuiltIn: z.boolean().optional(),
  directoryScopeId: z.string(),
  assignment: z.enum(['active', 'eligible']),
  resource: z.string(),
});

export const grantSchema = z.discriminatedUnion('kind', [
  awsPolicyGrantSchema,
  awsPolicyRefGrantSchema,
  entraAppRoleGrantSchema,
  entraDelegatedGrantSchema,
  entraDirectoryRoleGrantSchema,
]);
export type Grant = z.infer<typeof grantSchema>;
export type AwsPolicyGrant = z.infer<typeof awsPolicyGrantSchema>;

export const trustKindSchema = z.enum([
  'aws-trust-statement',
  'entra-federated-credential',
  'owner',
  'sponsor',
  'workload',
]);
export type TrustKind = z.infer<typeof trustKindSchema>;

/** Who can assume or act as an identity. One row per trusted principal. */
export const trustSchema = z.object({
  id: z.string(),
  identityId: z.string(),
  provider: providerSchema,
  kind: trustKindSchema,
  /** AWS | Service | Federated | CanonicalUser | * | user | servicePrincipal | oidc-subject | workload */
  principalType: z.string(),
  /** An ARN, a service name, `*`, an OIDC issuer, an owner's object id, a workload ARN. */
  principal: z.string(),
  /** Stable id of the trusted principal when it is in the inventory. */
  principalId: z.string().optional(),
  effect: z.enum(['Allow', 'Deny']),
  actions: z.array(z.string()),
  /** IAM Condition block, or subject/audiences of a federated credential. */
  conditions: attributesSchema,
  /** The full statement or credential the trust comes from, kept as evidence. */
  evidence: attributesSchema,
});
export type Trust = z.infer<typeof trustSchema>;

export const activitySchema = z.object({
  id: z.string(),
  identityId: z.string(),
  credentialId: z.string().optional(),
  provider: providerSchema,
  /** Where the date comes from, e.g. `role-last-used`, `credential-report`, `sp-sign-in-activity`. */
  source: z.string(),
  lastUsedAt: isoDateSchema,
  attributes: attributesSchema,
});
export type Activity = z.infer<typeof activitySchema>;

/** A compute or agent resource that runs as an identity: Bedrock agent, AgentCore runtime, Lambda. */
export const workloadSchema = z.object({
  id: z.string(),
  provider: providerSchema,
  kind: z.enum(['bedrock-agent', 'agentcore-runtime', 'lambda-function']),
  nativeId: z.string(),
  name: z.string(),
  account: z.string(),
  region: z.string().optional(),
  /** The stable id of the identity it runs as (e.g. the execution role). */
  identityId: z.string().optional(),
  roleArn: z.string().optional(),
  createdAt: isoDateSchema.optional(),
  attributes: attributesSchema,
});
export type Workload = z.infer<typeof workloadSchema>;

export const coverageStatusSchema = z.enum(['complete', 'partial', 'failed', 'skipped']);
export type CoverageStatus = z.infer<typeof coverageStatusSchema>;

/** What one source collected for one area, and what it missed and why. */
export const coverageSchema = z.object({
  sourceId: z.string(),
  /** e.g. `aws:123456789012:authorization-details`, `entra:<tenant>:servicePrincipals`. */
  area: z.string(),
  status: coverageStatusSchema,
  itemCount: z.number().int().nonnegative(),
  message: z.string().optional(),
});
export type Coverage = z.infer<typeof coverageSchema>;

export const sourceSchema = z.object({
  id: z.string(),
  provider: providerSchema,
  method: z.enum(['import', 'live', 'demo']),
  /** Account id(s) or tenant id this source covers. */
  account: z.string(),
  label: z.string(),
  /** Input files for imports (paths as given), endpoint for live scans. */
  inputs: z.array(z.string()),
});
export type Source = z.infer<typeof sourceSchema>;

/** Everything a collector or import produced: the unit a scan stores. */
export const inventorySchema = z.object({
  sources: z.array(sourceSchema),
  coverage: z.array(coverageSchema),
  identities: z.array(identitySchema),
  credentials: z.array(credentialSchema),
  grants: z.array(grantSchema),
  trusts: z.array(trustSchema),
  activities: z.array(activitySchema),
  workloads: z.array(workloadSchema),
});
export type Inventory = z.infer<typeof inventorySchema>;

export const scanStatusSchema = z.enum(['complete', 'partial']);
export type ScanStatus = z.infer<typeof scanStatusSchema>;

export const scanSchema = z.object({
  id: z.number().int().positive(),
  label: z.string(),
  method: z.enum(['import', 'live', 'demo']),
  status: scanStatusSchema,
  startedAt: isoDateSchema,
  finishedAt: isoDateSchema,
  counts: z.object({
    identities: z.number().int(),
    credentials: z.number().int(),
    grants: z.number().int(),
    trusts: z.number().int(),
    activities: z.number().int(),
    workloads: z.number().int(),
  }),
  sources: z.array(sourceSchema),
  coverage: z.array(coverageSchema),
});
export type Scan = z.infer<typeof scanSchema>;

export function stableId(provider: Provider, nativeId: string): string {
  return `${provider}:${nativeId}`;
}

export function emptyInventory(): Inventory {
  return {
    sources: [],
    coverage: [],
    identities: [],
    credentials: [],
    grants: [],
    trusts: [],
    activities: [],
    workloads: [],
  };
}

/** Concatenate inventories from several sources; later duplicates of a stable id are dropped. */
export function mergeInventories(parts: readonly Inventory[]): Inventory {
  const out = emptyInventory();
  const seen = {
    identities: new Set<string>(),
    credentials: new Set<string>(),
    grants: new Set<string>(),
    trusts: new Set<string>(),
    activities: new Set<string>(),
    workloads: new Set<string>(),
  };
  for (const part of parts) {
    out.sources.push(...part.sources);
    out.coverage.push(...part.coverage);
    for (const key of Object.keys(seen) as (keyof typeof seen)[]) {
      const set = seen[key];
      const target = out[key] as { id: string }[];
      for (const row of part[key] as { id: string }[]) {
        if (set.has(row.id)) continue;
        set.add(row.id);
        target.push(row);
      }
    }
  }
  return out;
}
