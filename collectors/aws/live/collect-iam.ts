/**
 * IAM of one account: authorization details (all entity types, Marker paging), the credential
 * report (generated, polled with backoff, parsed), service-specific credentials, access keys of
 * users the report does not list yet, and optionally service last-accessed data.
 */
import {
  GenerateCredentialReportCommand,
  GenerateServiceLastAccessedDetailsCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountAuthorizationDetailsCommand,
  GetCredentialReportCommand,
  type GetCredentialReportCommandOutput,
  GetServiceLastAccessedDetailsCommand,
  ListAccessKeysCommand,
  ListServiceSpecificCredentialsCommand,
} from '@aws-sdk/client-iam';
import type { z } from 'zod';
import { InputError } from '../../../model/errors';
import { parseCredentialReportCsv } from '../credential-report';
import {
  accessKeySchema,
  groupDetailSchema,
  managedPolicyDetailSchema,
  roleDetailSchema,
  serviceSpecificCredentialSchema,
  servicesLastAccessedSchema,
  userDetailSchema,
  withPolicyDocumentCache,
  type AuthDetailsPage,
  type RawAccessKey,
  type RawServicesLastAccessed,
} from '../raw-schemas';
import { droppedMessage, validItems, type AccountContext } from './account-context';
import { AwsCallError, invalidResponse } from './errors';
import { allPages } from './runtime';

/** Every entity type, so AWS managed policies come with their documents too. */
const ALL_ENTITY_TYPES = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;

/** Items validated at a time before other work gets a turn. */
const SLICE = 100;

/**
 * validItems over a page in slices, letting the event loop run between them: validating a page of
 * 1,000 roles is tens of milliseconds of CPU, and the responses of the scan's other calls should
 * not wait for all of it before their next requests go out.
 */
async function validInSlices<S extends z.ZodType>(
  ctx: AccountContext,
  items: readonly unknown[] | undefined,
  schema: S,
  label: string,
  dropped: string[],
): Promise<z.output<S>[]> {
  const all = items ?? [];
  const out: z.output<S>[] = [];
  for (let start = 0; start < all.length; start += SLICE) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    const slice = all.slice(start, start + SLICE);
    out.push(
      ...withPolicyDocumentCache(ctx.runtime.policyDocuments, () =>
        validItems(slice, schema, label, dropped, start),
      ),
    );
  }
  return out;
}

export async function collectAuthorizationDetails(ctx: AccountContext): Promise<void> {
  const iam = ctx.client('iam', ctx.settings.iamRegion);
  const site = ctx.site('iam', 'GetAccountAuthorizationDetails');
  const dropped: string[] = [];
  let identities = 0;
  const fetchPage = (marker: string | undefined) =>
    ctx.runtime.call(
      site,
      (o) =>
        iam.send(
          new GetAccountAuthorizationDetailsCommand({
            Filter: [...ALL_ENTITY_TYPES],
            MaxItems: ctx.settings.authPageSize,
            ...(marker ? { Marker: marker } : {}),
          }),
          o,
        ),
      true,
    );
  // The next page is asked for as soon as a page names its Marker, before that page is validated:
  // validating a large page is tens of milliseconds of CPU that can run while the next page is on
  // its way, and the pages of one account can only come one after the other.
  let ahead: { marker: string; page: ReturnType<typeof fetchPage> } | undefined;
  const markers = new Set<string>();
  try {
    await allPages(async (marker) => {
      const out = await (ahead && ahead.marker === marker ? ahead.page : fetchPage(marker));
      ahead = undefined;
      const next = out.IsTruncated && out.Marker ? out.Marker : undefined;
      // A Marker seen before ends the chain with allPages' error: no request for it.
      if (next !== undefined && !markers.has(next)) {
        markers.add(next);
        const page = fetchPage(next);
        // Awaited on the next turn, where a failure is handled; this only keeps it from being
        // reported as unhandled if that turn never comes.
        page.catch(() => undefined);
        ahead = { marker: next, page };
      }
      const n = ctx.raw.authDetails.length + 1;
      const valid = <S extends z.ZodType>(items: readonly unknown[] | undefined, schema: S, list: string) =>
        validInSlices(ctx, items, schema, `page ${n} ${list}`, dropped);
      const page: AuthDetailsPage = {
        UserDetailList: await valid(out.UserDetailList, userDetailSchema, 'UserDetailList'),
        GroupDetailList: await valid(out.GroupDetailList, groupDetailSchema, 'GroupDetailList'),
        RoleDetailList: await valid(out.RoleDetailList, roleDetailSchema, 'RoleDetailList'),
        Policies: await valid(out.Policies, managedPolicyDetailSchema, 'Policies'),
        IsTruncated: out.IsTruncated === true,
        ...(out.Marker ? { Marker: out.Marker } : {}),
      };
      ctx.raw.authDetails.push(page);
      identities += (page.RoleDetailList?.length ?? 0) + (page.UserDetailList?.length ?? 0);
      ctx.progress('authorization-details', identities);
      return { items: [], ...(next !== undefined ? { next } : {}) };
    });
  } catch (e) {
    ctx.failArea('authorization-details', e, site);
  }
  const problem = droppedMessage(dropped);
  if (problem) ctx.authProblems.push(problem);
}

export async function collectCredentialReport(ctx: AccountContext): Promise<void> {
  const iam = ctx.client('iam', ctx.settings.iamRegion);
  const { pollFirstMs, pollMaxMs, pollTimeoutMs } = ctx.settings;
  let site = ctx.site('iam', 'GenerateCredentialReport');
  try {
    const started = Date.now();
    let wait = pollFirstMs;
    const tooLong = (state: string) => {
      if (Date.now() - started > pollTimeoutMs) {
        throw invalidResponse(
          site,
          `the credential report was still ${state} after ${Math.round(pollTimeoutMs / 1000)} s`,
        );
      }
    };
    // The report is an account's longest chain (a call, a wait, a poll, the report): it goes first.
    // GenerateCredentialReport answers COMPLETE once a report under four hours old exists.
    const generated = await ctx.runtime.call(
      site,
      (o) => iam.send(new GenerateCredentialReportCommand({}), o),
      true,
    );
    let ready = generated.State === 'COMPLETE';
    site = ctx.site('iam', 'GetCredentialReport');
    let report: GetCredentialReportCommandOutput | undefined;
    while (!report) {
      if (!ready) {
        // Polled with GetCredentialReport itself (ReportInProgress until it is ready): one call
        // less on the chain than asking GenerateCredentialReport again and then fetching.
        ctx.progress('credential-report');
        await ctx.runtime.wait(wait);
        wait = Math.min(wait * 2, pollMaxMs);
      }
      try {
        report = await ctx.runtime.call(site, (o) => iam.send(new GetCredentialReportCommand({}), o), true);
      } catch (e) {
        if (!(e instanceof AwsCallError) || e.code !== 'CredentialReportNotReadyException') throw e;
        ready = false;
        tooLong(generated.State ?? 'not ready');
      }
    }
    if (report.ReportFormat && report.ReportFormat !== 'text/csv')
      throw invalidResponse(site, `report format ${report.ReportFormat}`);
    const csv = Buffer.from(report.Content ?? new Uint8Array()).toString('utf8');
    ctx.raw.credentialReport = parseCredentialReportCsv(csv, `credential report of account ${ctx.accountId}`);
    ctx.progress('credential-report', ctx.raw.credentialReport.length);
  } catch (e) {
    if (e instanceof InputError)
      ctx.note('credential-report', { status: 'failed', message: `unreadable: ${e.message}` });
    else ctx.failArea('credential-report', e, site);
  }
}

export async function collectServiceSpecificCredentials(ctx: AccountContext): Promise<void> {
  const iam = ctx.client('iam', ctx.settings.iamRegion);
  const site = ctx.site('iam', 'ListServiceSpecificCredentials');
  const dropped: string[] = [];
  try {
    const items = await allPages(
      async (marker) => {
        const out = await ctx.runtime.call(
          site,
          (o) =>
            iam.send(
              new ListServiceSpecificCredentialsCommand({
                AllUsers: true,
                MaxItems: 1000,
                ...(marker ? { Marker: marker } : {}),
              }),
              o,
            ),
          marker !== undefined,
        );
        return {
          items: validItems(
            out.ServiceSpecificCredentials,
            serviceSpecificCredentialSchema,
            'ServiceSpecificCredentials',
            dropped,
          ),
          ...(out.IsTruncated && out.Marker ? { next: out.Marker } : {}),
        };
      },
      (n) => ctx.progress('service-specific-credentials', n),
    );
    ctx.raw.serviceSpecificCredentials = items;
    const problem = droppedMessage(dropped);
    if (problem) ctx.note('service-specific-credentials', { status: 'partial', message: problem });
  } catch (e) {
    ctx.failArea('service-specific-credentials', e, site);
  }
}

/** Users of the authorization details, by name. */
function usersOf(ctx: AccountContext): { name: string; arn: string }[] {
  const users = new Map<string, string>();
  for (const page of ctx.raw.authDetails)
    for (const u of page.UserDetailList ?? []) users.set(u.UserName, u.Arn);
  return [...users].map(([name, arn]) => ({ name, arn }));
}

/**
 * The credential report is at most four hours old, so users created since are not in it; when
 * the report could not be read at all, every user is asked. Each key's last use comes from
 * GetAccessKeyLastUsed.
 */
export async function collectMissingAccessKeys(ctx: AccountContext): Promise<void> {
  const reported = ctx.raw.credentialReport ? new Set(ctx.raw.credentialReport.map((r) => r.arn)) : undefined;
  const missing = usersOf(ctx).filter((u) => !reported?.has(u.arn));
  if (missing.length === 0) return;
  const iam = ctx.client('iam', ctx.settings.iamRegion);
  const keys: RawAccessKey[] = [];
  const failures: AwsCallError[] = [];
  const dropped: string[] = [];
  await Promise.all(
    missing.map(async (user) => {
      let site = ctx.site('iam', 'ListAccessKeys');
      try {
        const listed = await allPages(async (marker) => {
          const out = await ctx.runtime.call(
            site,
            (o) =>
              iam.send(
                new ListAccessKeysCommand({ UserName: user.name, ...(marker ? { Marker: marker } : {}) }),
                o,
              ),
            marker !== undefined,
          );
          return {
            items: out.AccessKeyMetadata ?? [],
            ...(out.IsTruncated && out.Marker ? { next: out.Marker } : {}),
          };
        });
        site = ctx.site('iam', 'GetAccessKeyLastUsed');
        for (const meta of listed) {
          const used = meta.AccessKeyId
            ? await ctx.runtime.call(
                site,
                (o) => iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: meta.AccessKeyId }), o),
                true,
              )
            : undefined;
          const last = used?.AccessKeyLastUsed;
          keys.push(
            ...validItems(
              [
                {
                  UserName: meta.UserName ?? user.name,
                  AccessKeyId: meta.AccessKeyId,
                  Status: meta.Status,
                  CreateDate: meta.CreateDate,
                  LastUsedDate: last?.LastUsedDate,
                  LastUsedServiceName: last?.ServiceName,
                  LastUsedRegion: last?.Region,
                },
              ],
              accessKeySchema,
              `access keys of ${user.name}`,
              dropped,
            ),
          );
        }
        ctx.progress('access-keys', keys.length);
      } catch (e) {
        // A user deleted since the authorization details were read has no keys to miss.
        const failure = ctx.failure(e, site);
        if (failure.kind !== 'not-found') failures.push(failure);
      }
    }),
  );
  finishArea(
    ctx,
    'access-keys',
    missing.length,
    failures,
    dropped,
    () => (ctx.raw.accessKeys = keys),
    (m) =>
      `listed for ${m} user${m === 1 ? '' : 's'} ${reported ? 'created after the credential report' : 'because the credential report could not be read'}`,
  );
}

/** Records the outcome of an area read item by item: complete, partial (some failed) or failed. */
function finishArea(
  ctx: AccountContext,
  area: 'access-keys' | 'service-last-accessed',
  attempted: number,
  failures: readonly AwsCallError[],
  dropped: readonly string[],
  keep: () => void,
  describe: (attempted: number) => string,
): void {
  const cancelled = failures.some((f) => f.kind === 'cancelled');
  const real = failures.filter((f) => f.kind !== 'cancelled');
  if (failures.length >= attempted && attempted > 0) {
    ctx.note(area, {
      status: 'failed',
      message:
        cancelled && real.length === 0 ? 'not read: the scan was cancelled' : (real[0]?.message ?? 'failed'),
    });
    return;
  }
  keep();
  const problems = [
    real.length > 0 ? `${real.length} of ${attempted} failed (${real[0]?.message ?? ''})` : undefined,
    cancelled ? 'cancelled before every item was read' : undefined,
    droppedMessage(dropped),
  ].filter((p): p is string => Boolean(p));
  ctx.note(area, {
    status: problems.length > 0 ? 'partial' : 'complete',
    message: [describe(attempted), ...problems].join('; '),
  });
}

/** Service last-accessed data for every role and user (`--aws-last-accessed`). */
export async function collectServicesLastAccessed(ctx: AccountContext): Promise<void> {
  const arns: string[] = [];
  for (const page of ctx.raw.authDetails) {
    for (const r of page.RoleDetailList ?? []) arns.push(r.Arn);
    for (const u of page.UserDetailList ?? []) arns.push(u.Arn);
  }
  if (arns.length === 0) {
    ctx.note('service-last-accessed', { status: 'failed', message: 'no roles or users were read' });
    return;
  }
  const iam = ctx.client('iam', ctx.settings.iamRegion);
  const results: RawServicesLastAccessed[] = [];
  const failures: AwsCallError[] = [];
  const dropped: string[] = [];
  const { pollFirstMs, pollMaxMs, pollTimeoutMs } = ctx.settings;
  await Promise.all(
    arns.map(async (arn) => {
      let site = ctx.site('iam', 'GenerateServiceLastAccessedDetails');
      try {
        const job = await ctx.runtime.call(site, (o) =>
          iam.send(
            new GenerateServiceLastAccessedDetailsCommand({ Arn: arn, Granularity: 'SERVICE_LEVEL' }),
            o,
          ),
        );
        if (!job.JobId) throw invalidResponse(site, 'no JobId');
        site = ctx.site('iam', 'GetServiceLastAccessedDetails');
        const started = Date.now();
        let wait = pollFirstMs;
        const services: unknown[] = [];
        let marker: string | undefined;
        for (;;) {
          const out = await ctx.runtime.call(
            site,
            (o) =>
              iam.send(
                new GetServiceLastAccessedDetailsCommand({
                  JobId: job.JobId,
                  ...(marker ? { Marker: marker } : {}),
                }),
                o,
              ),
            true,
          );
          if (out.JobStatus === 'FAILED')
            throw invalidResponse(site, `the job failed: ${out.Error?.Message ?? 'no reason given'}`);
          if (out.JobStatus !== 'COMPLETED') {
            if (Date.now() - started > pollTimeoutMs)
              throw invalidResponse(site, 'the job did not complete in time');
            await ctx.runtime.wait(wait);
            wait = Math.min(wait * 2, pollMaxMs);
            continue;
          }
          services.push(...(out.ServicesLastAccessed ?? []));
          if (!out.IsTruncated || !out.Marker) break;
          marker = out.Marker;
        }
        results.push(
          ...validItems(
            [{ Arn: arn, ServicesLastAccessed: services }],
            servicesLastAccessedSchema,
            arn,
            dropped,
          ),
        );
        ctx.progress('service-last-accessed', results.length);
      } catch (e) {
        const failure = ctx.failure(e, site);
        if (failure.kind !== 'not-found') failures.push(failure);
      }
    }),
  );
  finishArea(
    ctx,
    'service-last-accessed',
    arns.length,
    failures,
    dropped,
    () => (ctx.raw.servicesLastAccessed = results),
    (m) => `asked for ${m} role${m === 1 ? '' : 's'} and users`,
  );
}
