/**
 * Builds one AWS account's raw export files: authorization details (users, groups, roles,
 * managed policies), credential report, service-specific credentials, Bedrock agents, AgentCore
 * runtimes and Lambda functions. Scenario and bulk code describe identities; this class writes
 * them in the exact shape and encoding of the API (`url`) or the CLI (`object`).
 */
import { awsApiTime, awsCliTime, type Clock } from '../clock';
import { type Rng, StreamedBuilder } from '../random';
import type { AwsAccountFiles, JsonObject } from '../types';
import type { JsonValue } from '../../../model/inventory';
import { credentialReportCsv, type ReportKey, type ReportRow } from './credential-report';
import { awsManagedPolicy } from './managed-policies';
import { awsUrlEncode } from './policy-docs';

export type PolicyEncoding = 'url' | 'object';

/** How far back IAM's RoleLastUsed reaches. */
const ROLE_LAST_USED_DAYS = 400;

export interface InlinePolicy {
  name: string;
  document: JsonObject;
}

export interface KeySpec {
  active: boolean;
  rotatedDaysAgo: number;
  /** Undefined when never used. */
  lastUsedDaysAgo?: number;
  region?: string;
  service?: string;
}

interface PrincipalSpec {
  name: string;
  path?: string;
  inline?: InlinePolicy[];
  /** Policy ARNs, AWS managed or customer managed (create those first). */
  managed?: string[];
  boundary?: string;
  tags?: Record<string, string>;
  createdDaysAgo: number;
}

export interface RoleSpec extends PrincipalSpec {
  trust: JsonObject;
  /** Undefined: never used (RoleLastUsed is `{}`). */
  lastUsedDaysAgo?: number;
  lastUsedRegion?: string;
  instanceProfile?: boolean;
}

export interface UserSpec extends PrincipalSpec {
  groups?: string[];
  password?: { changedDaysAgo: number; lastUsedDaysAgo?: number };
  mfa?: boolean;
  keys?: KeySpec[];
}

export interface GroupSpec {
  name: string;
  path?: string;
  inline?: InlinePolicy[];
  managed?: string[];
  createdDaysAgo: number;
}

export interface CustomerPolicySpec {
  name: string;
  path?: string;
  description?: string;
  /** Documents of v1, v2, ... in order. */
  versions: JsonObject[];
  /** 0-based index of the default version; defaults to the latest. */
  defaultIndex?: number;
  createdDaysAgo: number;
}

interface CustomerPolicy {
  spec: CustomerPolicySpec;
  arn: string;
  id: string;
  versionDates: number[];
}

export class AccountBuilder extends StreamedBuilder {
  readonly roles: JsonObject[] = [];
  readonly users: JsonObject[] = [];
  readonly groups: JsonObject[] = [];
  private readonly customerPolicies = new Map<string, CustomerPolicy>();
  private readonly awsManagedUsed = new Set<string>();
  private readonly attachments = new Map<string, number>();
  private readonly boundaryUses = new Map<string, number>();
  private readonly reportRows: ReportRow[] = [];
  private rootRow: ReportRow;
  readonly serviceCredentials: JsonObject[] = [];
  readonly agents: JsonObject[] = [];
  readonly runtimes: JsonObject[] = [];
  readonly functions: JsonObject[] = [];
  private readonly names = new Set<string>();
  private readonly userCreated = new Map<string, number>();
  readonly createdMs: number;

  constructor(
    readonly id: string,
    readonly alias: string,
    readonly encoding: PolicyEncoding,
    rng: Rng,
    readonly clock: Clock,
    accountAgeDays: number,
  ) {
    super(rng);
    this.createdMs = clock.daysAgo(accountAgeDays, rng);
    this.rootRow = {
      user: '<root_account>',
      arn: `arn:aws:iam::${id}:root`,
      createdMs: this.createdMs,
      root: true,
      mfa: true,
      keys: [],
      certs: [],
    };
  }

  /** Roles + users + the root user: what the inventory will count as identities. */
  get identityCount(): number {
    return this.roles.length + this.users.length + 1;
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  time(ms: number): string {
    return this.encoding === 'url' ? awsApiTime(ms) : awsCliTime(ms);
  }

  private ago(days: number): number {
    return this.clock.daysAgo(days, this.rng);
  }

  /** Policy documents: URL-encoded text for the API account, objects for CLI accounts. */
  private doc(document: JsonObject, pretty = false): JsonValue {
    if (this.encoding === 'object') return document;
    return awsUrlEncode(pretty ? JSON.stringify(document, null, 4) : JSON.stringify(document));
  }

  arn(kind: 'role' | 'user' | 'group' | 'policy', name: string, path = '/'): string {
    return `arn:aws:iam::${this.id}:${kind}${path}${name}`;
  }

  setRoot(root: { mfa: boolean; passwordLastUsedDaysAgo?: number; keys?: KeySpec[] }): void {
    this.rootRow = {
      ...this.rootRow,
      mfa: root.mfa,
      password:
        root.passwordLastUsedDaysAgo === undefined
          ? undefined
          : { changedMs: this.createdMs, lastUsedMs: this.ago(root.passwordLastUsedDaysAgo) },
      keys: (root.keys ?? []).map((k) => this.reportKey(k)),
    };
  }

  addCustomerPolicy(spec: CustomerPolicySpec): string {
    const path = spec.path ?? '/';
    const arn = this.arn('policy', spec.name, path);
    const created = this.ago(spec.createdDaysAgo);
    // Versions are spread between creation and a few days ago.
    const dates = spec.versions.map((_, i) =>
      i === 0
        ? created
        : Math.min(
            this.clock.nowMs - 86_400_000,
            created + Math.floor(((this.clock.nowMs - created) * i) / spec.versions.length),
          ),
    );
    this.customerPolicies.set(arn, { spec, arn, id: `ANPA${this.rng.upperAlnum(17)}`, versionDates: dates });
    return arn;
  }

  private attachList(arns: readonly string[] | undefined): JsonObject[] {
    const out: JsonObject[] = [];
    for (const arn of arns ?? []) {
      this.noteAttachment(arn);
      out.push({ PolicyName: arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn });
    }
    return out;
  }

  private noteAttachment(arn: string): void {
    this.attachments.set(arn, (this.attachments.get(arn) ?? 0) + 1);
    this.notePolicy(arn);
  }

  private notePolicy(arn: string): void {
    if (arn.startsWith('arn:aws:iam::aws:policy/')) {
      awsManagedPolicy(arn.slice(arn.lastIndexOf('/') + 1));
      this.awsManagedUsed.add(arn);
    } else if (!this.customerPolicies.has(arn)) {
      throw new Error(`demo: policy ${arn} attached before it was created`);
    }
  }

  private boundaryOf(arn: string | undefined): JsonObject | undefined {
    if (!arn) return undefined;
    this.notePolicy(arn);
    this.boundaryUses.set(arn, (this.boundaryUses.get(arn) ?? 0) + 1);
    return { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: arn };
  }

  private tagList(tags: Record<string, string> | undefined): JsonObject[] | undefined {
    if (!tags) return undefined;
    const entries = Object.entries(tags);
    return entries.length ? entries.map(([Key, Value]) => ({ Key, Value })) : undefined;
  }

  private claim(name: string): void {
    if (this.names.has(name)) throw new Error(`demo: duplicate IAM name ${name} in ${this.id}`);
    this.names.add(name);
  }

  addRole(spec: RoleSpec): string {
    this.claim(`role:${spec.name}`);
    const path = spec.path ?? '/';
    const arn = this.arn('role', spec.name, path);
    const roleId = `AROA${this.rng.upperAlnum(17)}`;
    const created = this.ago(spec.createdDaysAgo);
    const trust = this.doc(spec.trust);
    const role: JsonObject = {
      Path: path,
      RoleName: spec.name,
      RoleId: roleId,
      Arn: arn,
      CreateDate: this.time(created),
      AssumeRolePolicyDocument: trust,
      InstanceProfileList: [],
      RolePolicyList: (spec.inline ?? []).map((p) => ({
        PolicyName: p.name,
        PolicyDocument: this.doc(p.document),
      })),
      AttachedManagedPolicies: this.attachList(spec.managed),
    };
    if (spec.instanceProfile) {
      // The API nests a copy of the role in its instance profile; importers must not count it twice.
      role.InstanceProfileList = [
        {
          Path: '/',
          InstanceProfileName: spec.name,
          InstanceProfileId: `AIPA${this.rng.upperAlnum(17)}`,
          Arn: `arn:aws:iam::${this.id}:instance-profile/${spec.name}`,
          CreateDate: this.time(created),
          Roles: [
            {
              Path: path,
              RoleName: spec.name,
              RoleId: roleId,
              Arn: arn,
              CreateDate: this.time(created),
              AssumeRolePolicyDocument: trust,
            },
          ],
        },
      ];
    }
    const boundary = this.boundaryOf(spec.boundary);
    if (boundary) role.PermissionsBoundary = boundary;
    const tags = this.tagList(spec.tags);
    if (tags) role.Tags = tags;
    const lastUsed =
      spec.lastUsedDaysAgo === undefined ? undefined : Math.max(created, this.ago(spec.lastUsedDaysAgo));
    // IAM reports RoleLastUsed for the trailing 400 days only; an older use shows as `{}`, as in AWS.
    role.RoleLastUsed =
      lastUsed === undefined || this.clock.nowMs - lastUsed > ROLE_LAST_USED_DAYS * 86_400_000
        ? {}
        : { LastUsedDate: this.time(lastUsed), Region: spec.lastUsedRegion ?? 'us-east-1' };
    this.roles.push(role);
    return arn;
  }

  addGroup(spec: GroupSpec): string {
    this.claim(`group:${spec.name}`);
    const path = spec.path ?? '/';
    const arn = this.arn('group', spec.name, path);
    this.groups.push({
      Path: path,
      GroupName: spec.name,
      GroupId: `AGPA${this.rng.upperAlnum(17)}`,
      Arn: arn,
      CreateDate: this.time(this.ago(spec.createdDaysAgo)),
      GroupPolicyList: (spec.inline ?? []).map((p) => ({
        PolicyName: p.name,
        PolicyDocument: this.doc(p.document),
      })),
      AttachedManagedPolicies: this.attachList(spec.managed),
    });
    return arn;
  }

  private reportKey(k: KeySpec): ReportKey {
    const rotatedMs = this.ago(k.rotatedDaysAgo);
    return {
      active: k.active,
      rotatedMs,
      lastUsed:
        k.lastUsedDaysAgo === undefined
          ? undefined
          : {
              ms: Math.max(rotatedMs, this.ago(k.lastUsedDaysAgo)),
              region: k.region ?? 'us-east-1',
              service: k.service ?? 'sts',
            },
    };
  }

  addUser(spec: UserSpec): string {
    this.claim(`user:${spec.name}`);
    const path = spec.path ?? '/';
    const arn = this.arn('user', spec.name, path);
    const created = this.ago(spec.createdDaysAgo);
    const user: JsonObject = {
      Path: path,
      UserName: spec.name,
      UserId: `AIDA${this.rng.upperAlnum(17)}`,
      Arn: arn,
      CreateDate: this.time(created),
      UserPolicyList: (spec.inline ?? []).map((p) => ({
        PolicyName: p.name,
        PolicyDocument: this.doc(p.document),
      })),
      GroupList: spec.groups ?? [],
      AttachedManagedPolicies: this.attachList(spec.managed),
    };
    const boundary = this.boundaryOf(spec.boundary);
    if (boundary) user.PermissionsBoundary = boundary;
    const tags = this.tagList(spec.tags);
    if (tags) user.Tags = tags;
    this.users.push(user);
    this.userCreated.set(spec.name, created);
    const keys = (spec.keys ?? []).map((k) => {
      // A key cannot predate its user.
      const key = this.reportKey(k);
      return key.rotatedMs < created ? { ...key, rotatedMs: created } : key;
    });
    this.reportRows.push({
      user: spec.name,
      arn,
      createdMs: created,
      root: false,
      password: spec.password
        ? {
            changedMs: Math.max(created, this.ago(spec.password.changedDaysAgo)),
            lastUsedMs:
              spec.password.lastUsedDaysAgo === undefined
                ? undefined
                : this.ago(spec.password.lastUsedDaysAgo),
          }
        : undefined,
      mfa: spec.mfa ?? false,
      keys,
      certs: [],
    });
    return arn;
  }

  /** A Bedrock API key or other service-specific credential (metadata only, as the list API returns). */
  addServiceCredential(c: {
    userName: string;
    serviceName: string;
    status: 'Active' | 'Inactive' | 'Expired';
    createdDaysAgo: number;
    /** Days of validity; undefined: never expires (no ExpirationDate). */
    validDays?: number;
  }): void {
    const userCreated = this.userCreated.get(c.userName);
    if (userCreated === undefined) throw new Error(`demo: credential for unknown user ${c.userName}`);
    // A Bedrock API key and its IAM user are created together; other credentials come later.
    const created =
      c.serviceName === 'bedrock.amazonaws.com'
        ? userCreated + this.rng.int(1, 5) * 1000
        : Math.max(userCreated, this.ago(c.createdDaysAgo));
    const entry: JsonObject = { UserName: c.userName, Status: c.status };
    if (c.serviceName === 'bedrock.amazonaws.com') {
      const stamp = awsApiTime(created).replace(/[-:TZ]/g, '');
      entry.ServiceCredentialAlias = `${c.userName}+1-${stamp}`;
    } else {
      entry.ServiceUserName = `${c.userName}-at-${this.id}`;
    }
    entry.CreateDate = this.time(created);
    if (c.validDays !== undefined) {
      const expires = this.clock.plusDays(created, c.validDays);
      entry.ExpirationDate = this.time(expires);
      // IAM reports a lapsed Bedrock API key as Expired.
      if (expires < this.clock.nowMs) entry.Status = 'Expired';
    }
    entry.ServiceSpecificCredentialId = `ACCA${this.rng.upperAlnum(17)}`;
    entry.ServiceName = c.serviceName;
    this.serviceCredentials.push(entry);
  }

  private managedPolicyDetails(): JsonObject[] {
    const out: JsonObject[] = [];
    for (const p of this.customerPolicies.values()) {
      const n = p.spec.versions.length;
      const def = p.spec.defaultIndex ?? n - 1;
      const versions = p.spec.versions.map((d, i) => ({
        Document: this.doc(d),
        VersionId: `v${i + 1}`,
        IsDefaultVersion: i === def,
        CreateDate: this.time(p.versionDates[i] ?? this.clock.nowMs),
      }));
      // The API lists the newest version first.
      versions.reverse();
      const entry: JsonObject = {
        PolicyName: p.spec.name,
        PolicyId: p.id,
        Arn: p.arn,
        Path: p.spec.path ?? '/',
        DefaultVersionId: `v${def + 1}`,
        AttachmentCount: this.attachments.get(p.arn) ?? 0,
        PermissionsBoundaryUsageCount: this.boundaryUses.get(p.arn) ?? 0,
        IsAttachable: true,
      };
      if (p.spec.description) entry.Description = p.spec.description;
      entry.CreateDate = this.time(p.versionDates[0] ?? this.clock.nowMs);
      entry.UpdateDate = this.time(p.versionDates[n - 1] ?? this.clock.nowMs);
      entry.PolicyVersionList = versions;
      out.push(entry);
    }
    for (const arn of [...this.awsManagedUsed].sort()) {
      const p = awsManagedPolicy(arn.slice(arn.lastIndexOf('/') + 1));
      const created = Date.parse(p.createDate);
      const updated = Date.parse(p.updateDate);
      out.push({
        PolicyName: p.name,
        PolicyId: `ANPA${stableAwsId(p.name)}`,
        Arn: arn,
        Path: p.path,
        DefaultVersionId: p.versionId,
        AttachmentCount: this.attachments.get(arn) ?? 0,
        PermissionsBoundaryUsageCount: this.boundaryUses.get(arn) ?? 0,
        IsAttachable: true,
        CreateDate: this.time(created),
        UpdateDate: this.time(updated),
        PolicyVersionList: [
          {
            Document: this.doc(p.document, true),
            VersionId: p.versionId,
            IsDefaultVersion: true,
            CreateDate: this.time(updated),
          },
        ],
      });
    }
    return out;
  }

  build(): AwsAccountFiles {
    return {
      'account-authorization-details.json': {
        UserDetailList: this.users,
        GroupDetailList: this.groups,
        RoleDetailList: this.roles,
        Policies: this.managedPolicyDetails(),
        IsTruncated: false,
      },
      'credential-report.csv': credentialReportCsv([this.rootRow, ...this.reportRows]),
      'service-specific-credentials.json': { ServiceSpecificCredentials: this.serviceCredentials },
      'bedrock-agents.json': { agents: this.agents },
      'agentcore-runtimes.json': { agentRuntimes: this.runtimes },
      'lambda-functions.json': { Functions: this.functions },
    };
  }
}

/** AWS managed policies have the same id in every account; derive one from the name. */
function stableAwsId(name: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let h = 0x811c9dc5;
  let out = '';
  for (let i = 0; out.length < 17; i++) {
    h ^= name.charCodeAt(i % name.length) + i;
    h = Math.imul(h, 0x01000193) >>> 0;
    out += alphabet.charAt(h % alphabet.length);
  }
  return out;
}
