/**
 * Roles and users from GetAccountAuthorizationDetails: identities, one grant per policy statement
 * (inline, attached managed default version, group-inherited, permissions boundary) and the
 * role-last-used activity. Pure.
 */
import { toIsoUtc } from '../../model/dates';
import { stableId, type Identity, type PolicyStatement } from '../../model/inventory';
import { accountOfArn } from './arn';
import { attrs, type InventoryBuilder } from './inventory-builder';
import type {
  AuthDetailsPage,
  PolicyDocument,
  RawAttachedPolicy,
  RawGroupDetail,
  RawInlinePolicy,
  RawManagedPolicy,
  RawRoleDetail,
  RawUserDetail,
} from './raw-schemas';

/** All pages of one account's authorization details, merged and indexed. */
export interface AuthIndex {
  roles: RawRoleDetail[];
  users: RawUserDetail[];
  groups: Map<string, RawGroupDetail>;
  policies: Map<string, RawManagedPolicy>;
  pageCount: number;
  /** The last page says more items follow: the export stopped early. */
  truncated: boolean;
}

export function mergeAuthPages(pages: readonly AuthDetailsPage[]): AuthIndex {
  const roles = new Map<string, RawRoleDetail>();
  const users = new Map<string, RawUserDetail>();
  const groups = new Map<string, RawGroupDetail>();
  const policies = new Map<string, RawManagedPolicy>();
  for (const page of pages) {
    for (const r of page.RoleDetailList ?? []) if (!roles.has(r.Arn)) roles.set(r.Arn, r);
    for (const u of page.UserDetailList ?? []) if (!users.has(u.Arn)) users.set(u.Arn, u);
    for (const g of page.GroupDetailList ?? []) if (!groups.has(g.GroupName)) groups.set(g.GroupName, g);
    for (const p of page.Policies ?? []) if (!policies.has(p.Arn)) policies.set(p.Arn, p);
  }
  const last = pages[pages.length - 1];
  return {
    roles: [...roles.values()],
    users: [...users.values()],
    groups,
    policies,
    pageCount: pages.length,
    truncated: last?.IsTruncated === true,
  };
}

/** What the grants could not resolve from the export, for the coverage rows. */
export interface GrantGaps {
  /** Attached managed policies (and boundaries) whose document is not in `Policies`. */
  missingPolicies: Set<string>;
  /** Groups named in a user's GroupList but absent from GroupDetailList. */
  missingGroups: Set<string>;
}

function tagsOf(tags: readonly { Key: string; Value: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags ?? []) out[t.Key] = t.Value;
  return out;
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Resource(s) joined, or `NOT <NotResource>`, for display. */
export function flattenResource(statement: PolicyStatement): string {
  if (statement.Resource !== undefined) return asList(statement.Resource).join(', ');
  if (statement.NotResource !== undefined) return `NOT ${asList(statement.NotResource).join(', ')}`;
  return '';
}

/** The operative document of a managed policy: its default version, and only that one. */
export function defaultPolicyDocument(policy: RawManagedPolicy): PolicyDocument | undefined {
  const versions = policy.PolicyVersionList ?? [];
  const version =
    versions.find((v) => v.IsDefaultVersion === true) ??
    versions.find((v) => v.VersionId !== undefined && v.VersionId === policy.DefaultVersionId);
  return version?.Document;
}

const REF_RESOURCE = 'unknown (policy document not in the export)';

class GrantWriter {
  constructor(
    private readonly b: InventoryBuilder,
    private readonly policies: Map<string, RawManagedPolicy>,
    private readonly gaps: GrantGaps,
  ) {}

  inline(identityId: string, policy: RawInlinePolicy, via?: string): void {
    const prefix = `${identityId}#${via ? `${via}#` : ''}inline:${policy.PolicyName}`;
    policy.PolicyDocument.Statement.forEach((statement, index) => {
      this.b.addGrant({
        id: `${prefix}#${index}`,
        identityId,
        provider: 'aws',
        kind: 'aws-policy-statement',
        policyType: 'inline',
        policyName: policy.PolicyName,
        attachedVia: via,
        statementIndex: index,
        statement,
        resource: flattenResource(statement),
      });
    });
  }

  managed(identityId: string, attached: RawAttachedPolicy, via?: string): void {
    const arn = attached.PolicyArn;
    const policy = this.policies.get(arn);
    const document = policy && defaultPolicyDocument(policy);
    const prefix = `${identityId}#${via ? `${via}#` : ''}`;
    if (!document) {
      this.gaps.missingPolicies.add(arn);
      this.b.addGrant({
        id: `${prefix}managed-ref:${arn}`,
        identityId,
        provider: 'aws',
        kind: 'aws-managed-policy-ref',
        policyName: attached.PolicyName,
        policyArn: arn,
        attachedVia: via,
        resource: REF_RESOURCE,
      });
      return;
    }
    document.Statement.forEach((statement, index) => {
      this.b.addGrant({
        id: `${prefix}managed:${arn}#${index}`,
        identityId,
        provider: 'aws',
        kind: 'aws-policy-statement',
        policyType: 'managed',
        policyName: policy.PolicyName,
        policyArn: arn,
        attachedVia: via,
        statementIndex: index,
        statement,
        resource: flattenResource(statement),
      });
    });
  }

  boundary(identityId: string, arn: string): void {
    const policy = this.policies.get(arn);
    const document = policy && defaultPolicyDocument(policy);
    if (!document) {
      // No ref grant: a boundary limits permissions, it grants none.
      this.gaps.missingPolicies.add(arn);
      return;
    }
    document.Statement.forEach((statement, index) => {
      this.b.addGrant({
        id: `${identityId}#boundary:${arn}#${index}`,
        identityId,
        provider: 'aws',
        kind: 'aws-permissions-boundary',
        policyType: 'managed',
        policyName: policy.PolicyName,
        policyArn: arn,
        statementIndex: index,
        statement,
        resource: flattenResource(statement),
      });
    });
  }
}

export function roleIdentity(role: RawRoleDetail): Identity {
  const path = role.Path ?? '/';
  return {
    id: stableId('aws', role.Arn),
    provider: 'aws',
    kind: 'aws-role',
    nativeId: role.Arn,
    name: role.RoleName,
    description: role.Description,
    account: accountOfArn(role.Arn) ?? '',
    createdAt: toIsoUtc(role.CreateDate),
    enabled: true,
    tags: tagsOf(role.Tags),
    owners: [],
    attributes: attrs({
      path,
      roleId: role.RoleId,
      permissionsBoundaryArn: role.PermissionsBoundary?.PermissionsBoundaryArn,
      maxSessionDuration: role.MaxSessionDuration,
      instanceProfiles: role.InstanceProfileList?.length
        ? role.InstanceProfileList.map((p) => p.InstanceProfileName)
        : undefined,
      serviceLinked: path.startsWith('/aws-service-role/') ? true : undefined,
      roleLastUsedRegion: role.RoleLastUsed?.Region,
    }),
  };
}

export function userIdentity(user: RawUserDetail): Identity {
  return {
    id: stableId('aws', user.Arn),
    provider: 'aws',
    kind: 'aws-user',
    nativeId: user.Arn,
    name: user.UserName,
    account: accountOfArn(user.Arn) ?? '',
    createdAt: toIsoUtc(user.CreateDate),
    enabled: true,
    tags: tagsOf(user.Tags),
    owners: [],
    attributes: attrs({
      path: user.Path ?? '/',
      userId: user.UserId,
      groups: user.GroupList ?? [],
      permissionsBoundaryArn: user.PermissionsBoundary?.PermissionsBoundaryArn,
    }),
  };
}

/** Identities added between two pauses of a transform run in steps (see transformSteps). */
export const IDENTITIES_PER_STEP = 200;

/** Adds roles and users with their grants and role-last-used activities; returns what was missing. */
export function addIamIdentities(b: InventoryBuilder, index: AuthIndex): GrantGaps {
  const steps = addIamIdentitiesSteps(b, index);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** addIamIdentities, pausing after every IDENTITIES_PER_STEP identities. */
export function* addIamIdentitiesSteps(b: InventoryBuilder, index: AuthIndex): Generator<'pause', GrantGaps> {
  const gaps: GrantGaps = { missingPolicies: new Set(), missingGroups: new Set() };
  const grants = new GrantWriter(b, index.policies, gaps);
  let added = 0;

  for (const role of index.roles) {
    if (++added % IDENTITIES_PER_STEP === 0) yield 'pause';
    const identity = roleIdentity(role);
    b.addIdentity(identity);
    for (const p of role.RolePolicyList ?? []) grants.inline(identity.id, p);
    for (const p of role.AttachedManagedPolicies ?? []) grants.managed(identity.id, p);
    if (role.PermissionsBoundary)
      grants.boundary(identity.id, role.PermissionsBoundary.PermissionsBoundaryArn);
    const lastUsed = toIsoUtc(role.RoleLastUsed?.LastUsedDate);
    if (lastUsed) {
      b.addActivity({
        id: `${identity.id}#activity:role-last-used`,
        identityId: identity.id,
        provider: 'aws',
        source: 'role-last-used',
        lastUsedAt: lastUsed,
        attributes: attrs({ region: role.RoleLastUsed?.Region }),
      });
    }
  }

  for (const user of index.users) {
    if (++added % IDENTITIES_PER_STEP === 0) yield 'pause';
    const identity = userIdentity(user);
    b.addIdentity(identity);
    for (const p of user.UserPolicyList ?? []) grants.inline(identity.id, p);
    for (const p of user.AttachedManagedPolicies ?? []) grants.managed(identity.id, p);
    for (const groupName of user.GroupList ?? []) {
      const group = index.groups.get(groupName);
      if (!group) {
        gaps.missingGroups.add(groupName);
        continue;
      }
      const via = `group:${groupName}`;
      for (const p of group.GroupPolicyList ?? []) grants.inline(identity.id, p, via);
      for (const p of group.AttachedManagedPolicies ?? []) grants.managed(identity.id, p, via);
    }
    if (user.PermissionsBoundary)
      grants.boundary(identity.id, user.PermissionsBoundary.PermissionsBoundaryArn);
  }
  return gaps;
}
