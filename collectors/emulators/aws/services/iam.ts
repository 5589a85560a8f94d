/**
 * IAM over the Query protocol: the read operations the collector uses, plus the two that ask IAM
 * to build something (the credential report, a service last-accessed job).
 */
import { randomUUID } from 'node:crypto';
import { decodePolicyDocument } from '../../../aws/policy-document';
import type { JsonValue } from '../../../../model/inventory';
import type { Handler, RequestContext } from '../context';
import { pageOf, pageSize } from '../paging';
import { EmulatorError, queryResponse, type EmulatorResponse } from '../protocols';
import type { AuthEntity, AuthFilter, IndexedAccount } from '../state';
import type { JsonObject } from '../types';
import { xmlElement } from '../xml';

const ALL_FILTERS: AuthFilter[] = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'];

/** Query lists arrive as `Name.member.1`, `Name.member.2`, ... */
function memberList(params: URLSearchParams, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; params.has(`${name}.member.${i}`); i++) out.push(params.get(`${name}.member.${i}`) ?? '');
  return out;
}

function accountData(ctx: RequestContext): IndexedAccount {
  if (!ctx.account)
    throw new EmulatorError(
      500,
      'ServiceFailure',
      `the emulator holds no data for account ${ctx.caller.account}`,
    );
  return ctx.account;
}

const entityXml = new WeakMap<AuthEntity, string>();

function xmlOf(entity: AuthEntity): string {
  let xml = entityXml.get(entity);
  if (xml === undefined) {
    xml = xmlElement('member', entity.value);
    entityXml.set(entity, xml);
  }
  return xml;
}

/** Renders every entity's XML now rather than on the first page request (for the bench). */
export function prerenderAuthorizationDetails(account: IndexedAccount): void {
  for (const entity of account.authEntities) xmlOf(entity);
}

function getAccountAuthorizationDetails(ctx: RequestContext): EmulatorResponse {
  const account = accountData(ctx);
  const asked = memberList(ctx.params, 'Filter');
  for (const f of asked) {
    if (!ALL_FILTERS.includes(f as AuthFilter)) {
      throw new EmulatorError(
        400,
        'ValidationError',
        `Value '${f}' at 'filter' failed to satisfy constraint`,
      );
    }
  }
  const filters = new Set<string>(asked.length > 0 ? asked : ALL_FILTERS);
  const entities = account.authEntities.filter((e) => filters.has(e.filter));
  const size = pageSize(ctx.params.get('MaxItems') ?? undefined, 100, 1000, ctx.tuning.maxPageItems);
  const page = pageOf(entities, ctx.params.get('Marker'), size);
  const lists: Record<string, string[]> = {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [],
  };
  for (const e of page.items) lists[e.list]?.push(xmlOf(e));
  // The lists are pre-rendered XML; the result is assembled by hand to avoid re-serialising them.
  const body = Object.entries(lists)
    .map(([name, items]) => (items.length > 0 ? `<${name}>${items.join('')}</${name}>` : `<${name}/>`))
    .join('');
  const response = queryResponse('iam', 'GetAccountAuthorizationDetails', {
    IsTruncated: page.next !== undefined,
    ...(page.next ? { Marker: page.next } : {}),
  });
  response.body = response.body.replace(
    '<GetAccountAuthorizationDetailsResult>',
    `<GetAccountAuthorizationDetailsResult>${body}`,
  );
  return response;
}

function generateCredentialReport(ctx: RequestContext): EmulatorResponse {
  const id = ctx.caller.account;
  const now = Date.now();
  const report = ctx.state.reports.get(id);
  if (!report) {
    const readyAt = now + ctx.tuning.credentialReportDelayMs;
    ctx.state.reports.set(id, {
      readyAt,
      generatedAt: readyAt,
      pendingPolls: ctx.tuning.credentialReportPolls,
    });
    return queryResponse('iam', 'GenerateCredentialReport', {
      State: 'STARTED',
      Description: 'No report exists. Starting a new report generation task',
    });
  }
  const inProgress = now < report.readyAt || report.pendingPolls > 0;
  if (report.pendingPolls > 0) report.pendingPolls -= 1;
  return queryResponse('iam', 'GenerateCredentialReport', { State: inProgress ? 'INPROGRESS' : 'COMPLETE' });
}

const REPORT_HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,' +
  'mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,' +
  'access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,' +
  'access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated\n';

function getCredentialReport(ctx: RequestContext): EmulatorResponse {
  const report = ctx.state.reports.get(ctx.caller.account);
  if (!report) {
    throw new EmulatorError(
      410,
      'ReportNotPresent',
      'Credential report not present. Call GenerateCredentialReport first.',
    );
  }
  if (Date.now() < report.readyAt || report.pendingPolls > 0) {
    // A poll with GetCredentialReport counts like one with GenerateCredentialReport.
    if (report.pendingPolls > 0) report.pendingPolls -= 1;
    throw new EmulatorError(404, 'ReportInProgress', 'Credential report is being generated.');
  }
  const csv = accountData(ctx).data.credentialReportCsv ?? REPORT_HEADER;
  return queryResponse('iam', 'GetCredentialReport', {
    Content: Buffer.from(csv, 'utf8').toString('base64'),
    ReportFormat: 'text/csv',
    GeneratedTime: new Date(report.generatedAt).toISOString(),
  });
}

function listServiceSpecificCredentials(ctx: RequestContext): EmulatorResponse {
  const all = ctx.params.get('AllUsers') === 'true';
  const user = ctx.params.get('UserName');
  if (all && user)
    throw new EmulatorError(400, 'InvalidInput', 'AllUsers cannot be specified together with UserName');
  const own = ctx.caller.arn.includes(':user/')
    ? ctx.caller.arn.slice(ctx.caller.arn.lastIndexOf('/') + 1)
    : undefined;
  const service = ctx.params.get('ServiceName');
  const items = accountData(ctx).data.serviceSpecificCredentials.filter(
    (c) => (all || c.UserName === (user ?? own)) && (!service || c.ServiceName === service),
  );
  const page = pageOf(
    items,
    ctx.params.get('Marker'),
    pageSize(ctx.params.get('MaxItems') ?? undefined, 100, 1000, ctx.tuning.maxPageItems),
  );
  return queryResponse('iam', 'ListServiceSpecificCredentials', {
    ServiceSpecificCredentials: page.items,
    IsTruncated: page.next !== undefined,
    ...(page.next ? { Marker: page.next } : {}),
  });
}

function userOrThrow(account: IndexedAccount, name: string | null): string {
  if (!name) throw new EmulatorError(400, 'ValidationError', 'UserName is required');
  if (
    !account.accessKeys.has(name) &&
    ![...account.principals.values()].some((p) => p.detail.UserName === name)
  ) {
    throw new EmulatorError(404, 'NoSuchEntity', `The user with name ${name} cannot be found.`);
  }
  return name;
}

function listAccessKeys(ctx: RequestContext): EmulatorResponse {
  const account = accountData(ctx);
  const user = userOrThrow(account, ctx.params.get('UserName'));
  const keys = (account.accessKeys.get(user) ?? []).map((k) => ({
    UserName: user,
    AccessKeyId: k.AccessKeyId,
    Status: k.Status,
    CreateDate: k.CreateDate,
  }));
  const page = pageOf(
    keys,
    ctx.params.get('Marker'),
    pageSize(ctx.params.get('MaxItems') ?? undefined, 100, 1000, ctx.tuning.maxPageItems),
  );
  return queryResponse('iam', 'ListAccessKeys', {
    AccessKeyMetadata: page.items,
    IsTruncated: page.next !== undefined,
    ...(page.next ? { Marker: page.next } : {}),
  });
}

function getAccessKeyLastUsed(ctx: RequestContext): EmulatorResponse {
  const account = accountData(ctx);
  const id = ctx.params.get('AccessKeyId') ?? '';
  const user = account.accessKeyOwner.get(id);
  const key = user ? account.accessKeys.get(user)?.find((k) => k.AccessKeyId === id) : undefined;
  if (!user || !key)
    throw new EmulatorError(403, 'AccessDenied', `The access key ${id} does not belong to this account`);
  const lastUsed: JsonObject = key.LastUsedDate
    ? { LastUsedDate: key.LastUsedDate, ServiceName: key.ServiceName ?? 'N/A', Region: key.Region ?? 'N/A' }
    : { ServiceName: 'N/A', Region: 'N/A' };
  return queryResponse('iam', 'GetAccessKeyLastUsed', { UserName: user, AccessKeyLastUsed: lastUsed });
}

/** Service namespaces a principal's Allow statements name; `*` stands for a few common services. */
const WILDCARD_SERVICES = ['bedrock', 'ec2', 'iam', 'lambda', 's3', 'sts'];

function documentOf(value: JsonValue | undefined): { Statement?: JsonValue } | undefined {
  const decoded = decodePolicyDocument(value);
  return decoded.ok ? (decoded.value as { Statement?: JsonValue }) : undefined;
}

function namespacesOf(document: { Statement?: JsonValue } | undefined, into: Set<string>): void {
  const statements = document?.Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  for (const s of list) {
    if (s === null || typeof s !== 'object' || Array.isArray(s) || s.Effect !== 'Allow') continue;
    const actions = Array.isArray(s.Action) ? s.Action : s.Action !== undefined ? [s.Action] : [];
    for (const a of actions) {
      if (typeof a !== 'string') continue;
      if (a === '*') WILDCARD_SERVICES.forEach((n) => into.add(n));
      else if (a.includes(':')) into.add(a.slice(0, a.indexOf(':')).toLowerCase());
    }
  }
}

function policiesOf(detail: JsonObject, inlineKey: string): { inline: JsonValue[]; attached: JsonValue[] } {
  const inline = Array.isArray(detail[inlineKey]) ? (detail[inlineKey] as JsonValue[]) : [];
  const attached = Array.isArray(detail.AttachedManagedPolicies) ? detail.AttachedManagedPolicies : [];
  return { inline, attached };
}

function grantedNamespaces(account: IndexedAccount, kind: 'role' | 'user', detail: JsonObject): string[] {
  const names = new Set<string>();
  const add = (inline: JsonValue[], attached: JsonValue[]) => {
    for (const p of inline)
      if (p && typeof p === 'object' && !Array.isArray(p)) namespacesOf(documentOf(p.PolicyDocument), names);
    for (const a of attached) {
      if (!a || typeof a !== 'object' || Array.isArray(a) || typeof a.PolicyArn !== 'string') continue;
      const policy = account.managedPolicies.get(a.PolicyArn);
      const versions = Array.isArray(policy?.PolicyVersionList) ? policy.PolicyVersionList : [];
      for (const v of versions) {
        if (v && typeof v === 'object' && !Array.isArray(v) && v.IsDefaultVersion === true)
          namespacesOf(documentOf(v.Document), names);
      }
    }
  };
  const own = policiesOf(detail, kind === 'role' ? 'RolePolicyList' : 'UserPolicyList');
  add(own.inline, own.attached);
  if (kind === 'user' && Array.isArray(detail.GroupList)) {
    for (const g of account.data.authorizationDetails.GroupDetailList) {
      if (detail.GroupList.includes(g.GroupName ?? '')) {
        const group = policiesOf(g, 'GroupPolicyList');
        add(group.inline, group.attached);
      }
    }
  }
  return [...names].sort();
}

function generateServiceLastAccessedDetails(ctx: RequestContext): EmulatorResponse {
  const account = accountData(ctx);
  const arn = ctx.params.get('Arn') ?? '';
  if (!account.principals.has(arn))
    throw new EmulatorError(404, 'NoSuchEntity', `The entity ${arn} cannot be found.`);
  const jobId = randomUUID();
  const now = Date.now();
  ctx.state.jobs.set(jobId, {
    account: ctx.caller.account,
    arn,
    createdAt: now,
    readyAt: now + ctx.tuning.lastAccessedDelayMs,
    pendingPolls: ctx.tuning.lastAccessedPolls,
  });
  return queryResponse('iam', 'GenerateServiceLastAccessedDetails', { JobId: jobId });
}

function getServiceLastAccessedDetails(ctx: RequestContext): EmulatorResponse {
  const account = accountData(ctx);
  const job = ctx.state.jobs.get(ctx.params.get('JobId') ?? '');
  if (!job || job.account !== ctx.caller.account)
    throw new EmulatorError(404, 'NoSuchEntity', 'The job cannot be found.');
  const created = new Date(job.createdAt).toISOString();
  if (Date.now() < job.readyAt || job.pendingPolls > 0) {
    job.pendingPolls = Math.max(0, job.pendingPolls - 1);
    return queryResponse('iam', 'GetServiceLastAccessedDetails', {
      JobStatus: 'IN_PROGRESS',
      JobType: 'SERVICE_LEVEL',
      JobCreationDate: created,
      ServicesLastAccessed: [],
    });
  }
  const principal = account.principals.get(job.arn);
  const services: JsonObject[] = [];
  if (principal) {
    // Last use: the role's last use for its first service; for users, the service their keys last called.
    const lastUsed = principal.detail.RoleLastUsed;
    const roleDate =
      lastUsed &&
      typeof lastUsed === 'object' &&
      !Array.isArray(lastUsed) &&
      typeof lastUsed.LastUsedDate === 'string'
        ? {
            date: lastUsed.LastUsedDate,
            region: typeof lastUsed.Region === 'string' ? lastUsed.Region : undefined,
          }
        : undefined;
    const row = account.reportRows.get(String(principal.detail.UserName ?? ''));
    const namespaces = grantedNamespaces(account, principal.kind, principal.detail);
    namespaces.forEach((ns, i) => {
      const entry: JsonObject = {
        ServiceName: `AWS ${ns}`,
        ServiceNamespace: ns,
        TotalAuthenticatedEntities: 0,
      };
      const keyService = row?.access_key_1_last_used_service;
      const used =
        principal.kind === 'role'
          ? i === 0 && roleDate
            ? roleDate
            : undefined
          : keyService === ns && row?.access_key_1_last_used_date
            ? { date: row.access_key_1_last_used_date, region: row.access_key_1_last_used_region }
            : undefined;
      if (used) {
        entry.LastAuthenticated = used.date;
        entry.LastAuthenticatedEntity = job.arn;
        if (used.region) entry.LastAuthenticatedRegion = used.region;
        entry.TotalAuthenticatedEntities = 1;
      }
      services.push(entry);
    });
  }
  const page = pageOf(
    services,
    ctx.params.get('Marker'),
    pageSize(ctx.params.get('MaxItems') ?? undefined, 100, 1000, ctx.tuning.maxPageItems),
  );
  return queryResponse('iam', 'GetServiceLastAccessedDetails', {
    JobStatus: 'COMPLETED',
    JobType: 'SERVICE_LEVEL',
    JobCreationDate: created,
    ServicesLastAccessed: page.items,
    JobCompletionDate: new Date(job.readyAt).toISOString(),
    IsTruncated: page.next !== undefined,
    ...(page.next ? { Marker: page.next } : {}),
  });
}

export const IAM_HANDLERS: Record<string, Handler> = {
  GetAccountAuthorizationDetails: getAccountAuthorizationDetails,
  GenerateCredentialReport: generateCredentialReport,
  GetCredentialReport: getCredentialReport,
  ListServiceSpecificCredentials: listServiceSpecificCredentials,
  ListAccessKeys: listAccessKeys,
  GetAccessKeyLastUsed: getAccessKeyLastUsed,
  GenerateServiceLastAccessedDetails: generateServiceLastAccessedDetails,
  GetServiceLastAccessedDetails: getServiceLastAccessedDetails,
};
