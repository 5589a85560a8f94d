/**
 * Connecting sources for the app: the read-only permissions each source needs (the same texts as
 * `agent-anchor permissions aws|entra`), a connection test that only identifies the caller, the
 * mapping from the connect screen's choices to scan options, and the non-secret source settings
 * saved per engagement. A client secret reaches the sign-in code in memory only; when the user asks
 * to remember it, it goes to the host's keychain, never to the engagement file or a log.
 */
import { GetCallerIdentityCommand, STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import {
  awsOrgCallerPolicy,
  awsScanPolicy,
  DEFAULT_ORG_ROLE,
  type AwsScanOptions,
} from '../collectors/aws/live';
import {
  createGraphSignIn,
  describeGraphPermissions,
  GraphTransport,
  resolveCloud,
  SECRET_ENV,
  type DeviceCodePrompt,
} from '../collectors/entra/live';
import type { EngagementDb } from '../db';
import {
  savedSourcesSchema,
  type AwsSource,
  type ConnectionTest,
  type EntraSource,
  type Permissions,
  type PermissionsArgs,
  type SavedSources,
  type ScanSources as ApiScanSources,
  type TestConnectionArgs,
} from '../model/api';
import { UsageError } from '../model/errors';
import type { SecretStore } from './api-host';
import type { EntraScanOptions, ScanSources } from './scan';

const SOURCES_SETTING = 'app.sources';
const TEST_TIMEOUT_MS = 120_000;

export function permissionsFor(args: PermissionsArgs): Permissions {
  if (args.provider === 'entra') {
    return {
      title: 'Microsoft Graph permissions (read-only)',
      format: 'text',
      text: describeGraphPermissions(),
      notes: [
        'Grant them as application permissions to an app registration (client secret or certificate), or consent to them as delegated permissions when you sign in as a person.',
      ],
    };
  }
  if (args.orgCaller) {
    return {
      title: `IAM policy of the identity that starts an organization scan`,
      format: 'json',
      text: `${JSON.stringify(awsOrgCallerPolicy(DEFAULT_ORG_ROLE), null, 2)}\n`,
      notes: [
        `Attach it in the management (or delegated administrator) account. Each member account needs the role ${DEFAULT_ORG_ROLE} with the scan policy; the CloudFormation template of \`agent-anchor permissions aws --cloudformation\` deploys it as a StackSet.`,
      ],
    };
  }
  return {
    title: 'IAM policy of the scanning identity (read-only)',
    format: 'json',
    text: `${JSON.stringify(awsScanPolicy({ lastAccessed: true }), null, 2)}\n`,
    notes: [
      'Every action is a List, Get or Generate (credential report) call; the collector refuses to send anything else.',
      'The service last-accessed actions are only used when "Read service last-accessed data" is on.',
    ],
  };
}

/** Secrets remembered for an Entra app are keyed by tenant and client id. */
function secretKey(entra: Pick<EntraSource, 'tenant' | 'clientId'>): string {
  return `entra-client-secret:${entra.tenant.toLowerCase()}:${(entra.clientId ?? '').toLowerCase()}`;
}

export function rememberSecret(secrets: SecretStore | undefined, entra: EntraSource, secret: string): void {
  if (!secrets?.available()) {
    throw new UsageError('secrets cannot be remembered here: the OS keychain is not available');
  }
  secrets.save(secretKey(entra), secret);
}

function awsOptions(aws: AwsSource): AwsScanOptions {
  return {
    ...(aws.mode === 'profile' || aws.mode === 'sso-profile' ? { profile: aws.profile } : {}),
    ...(aws.mode === 'role' && aws.profile !== undefined ? { profile: aws.profile } : {}),
    ...(aws.mode === 'role' ? { roleArn: aws.roleArn } : {}),
    ...(aws.externalId !== undefined ? { externalId: aws.externalId } : {}),
    ...(aws.organization ? { org: true, orgRole: aws.orgRole ?? DEFAULT_ORG_ROLE } : {}),
    ...(aws.region !== undefined ? { region: aws.region } : {}),
    ...(aws.regions !== undefined && aws.regions.length > 0 ? { regions: aws.regions } : {}),
    ...(aws.lastAccessed ? { lastAccessed: true } : {}),
  };
}

/** Secrets of the sign-in, as the variables the Entra sign-in code reads, never process.env. */
function entraEnv(entra: EntraSource, secrets: SecretStore | undefined): Record<string, string> {
  if (entra.auth === 'token') return { [SECRET_ENV.token]: entra.accessToken ?? '' };
  if (entra.auth !== 'client-secret') return {};
  const secret = entra.clientSecret ?? (secrets?.available() ? secrets.load(secretKey(entra)) : undefined);
  if (secret === undefined) {
    throw new UsageError('enter the client secret (none is remembered for this tenant and application)');
  }
  return { [SECRET_ENV.clientSecret]: secret };
}

function entraOptions(entra: EntraSource, secrets: SecretStore | undefined): EntraScanOptions {
  return {
    tenant: entra.tenant,
    auth: entra.auth,
    ...(entra.clientId !== undefined ? { clientId: entra.clientId } : {}),
    ...(entra.certificatePath !== undefined ? { certificatePath: entra.certificatePath } : {}),
    ...(entra.cloud !== undefined ? { cloud: entra.cloud } : {}),
    env: entraEnv(entra, secrets),
  };
}

/**
 * Checks the connect screen's choices and prepares the scan's sources. `build` is called when the
 * scan starts, with where to show a device code.
 */
export function scanSourcesFor(
  sources: ApiScanSources,
  secrets: SecretStore | undefined,
  demoLatencyMs: number | undefined,
): { build(onDeviceCode: (prompt: DeviceCodePrompt) => void): ScanSources } {
  const aws = sources.aws ? awsOptions(sources.aws) : undefined;
  const entra = sources.entra ? entraOptions(sources.entra, secrets) : undefined;
  const demo = sources.demo
    ? {
        ...(sources.demo.size !== undefined ? { size: sources.demo.size } : {}),
        latencyMs: sources.demo.latencyMs ?? demoLatencyMs ?? 0,
      }
    : undefined;
  return {
    build: (onDeviceCode) => ({
      ...(aws ? { aws } : {}),
      ...(entra ? { entra: { ...entra, onDeviceCode } } : {}),
      ...(demo ? { demo } : {}),
    }),
  };
}

/** Keep the connect screen's choices, minus every secret, for the next scan of this engagement. */
export function saveSources(db: EngagementDb, sources: ApiScanSources, actor: string): void {
  const saved: Record<string, unknown> = {};
  if (sources.aws) saved['aws'] = sources.aws;
  if (sources.entra) {
    const { clientSecret: _secret, accessToken: _token, rememberSecret: _remember, ...rest } = sources.entra;
    saved['entra'] = rest;
  }
  if (Object.keys(saved).length === 0) return;
  db.setSetting(SOURCES_SETTING, JSON.parse(JSON.stringify(saved)) as Record<string, never>, actor);
}

export function loadSavedSources(db: EngagementDb, secrets: SecretStore | undefined): SavedSources {
  const stored = db.getSetting(SOURCES_SETTING);
  const parsed = savedSourcesSchema.omit({ rememberedSecret: true }).safeParse(stored ?? {});
  const sources = parsed.success ? parsed.data : {};
  const entra = sources.entra;
  const rememberedSecret =
    entra !== undefined && entra.auth === 'client-secret' && secrets?.available() === true
      ? secrets.load(secretKey(entra)) !== undefined
      : false;
  return { ...sources, rememberedSecret };
}

/** Identify the caller without reading the tenant or the account: one STS or Graph call. */
export async function testConnection(
  source: TestConnectionArgs['source'],
  secrets: SecretStore | undefined,
): Promise<ConnectionTest> {
  const signal = AbortSignal.timeout(TEST_TIMEOUT_MS);
  try {
    if ('aws' in source) return await testAws(source.aws, signal);
    return await testEntra(source.entra, secrets, signal);
  } catch (error) {
    return { ok: false, message: oneLine(error), details: [] };
  }
}

async function testAws(aws: AwsSource, signal: AbortSignal): Promise<ConnectionTest> {
  const region = aws.region ?? 'us-east-1';
  const base = aws.profile !== undefined ? fromIni({ profile: aws.profile }) : fromNodeProviderChain();
  const details: string[] = [];
  let sts = new STSClient({ region, credentials: base });
  try {
    if (aws.mode === 'role' && aws.roleArn !== undefined) {
      const assumed = await sts.send(
        new AssumeRoleCommand({
          RoleArn: aws.roleArn,
          RoleSessionName: 'agent-anchor-connection-test',
          DurationSeconds: 900,
          ...(aws.externalId !== undefined ? { ExternalId: aws.externalId } : {}),
        }),
        { abortSignal: signal },
      );
      const c = assumed.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole answered without credentials');
      details.push(`Assumed ${aws.roleArn}`);
      sts.destroy();
      sts = new STSClient({
        region,
        credentials: {
          accessKeyId: c.AccessKeyId,
          secretAccessKey: c.SecretAccessKey,
          sessionToken: c.SessionToken,
        },
      });
    }
    const who = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
    details.push(`Account ${who.Account ?? '?'}`);
    if (aws.organization) {
      details.push(
        `Organization scan: every active account is entered through the role ${aws.orgRole ?? DEFAULT_ORG_ROLE}.`,
      );
    }
    return { ok: true, message: `Signed in to AWS as ${who.Arn ?? 'an unknown principal'}`, details };
  } finally {
    sts.destroy();
  }
}

async function testEntra(
  entra: EntraSource,
  secrets: SecretStore | undefined,
  signal: AbortSignal,
): Promise<ConnectionTest> {
  if (entra.auth === 'device-code') {
    return {
      ok: true,
      message: 'Device code sign-in happens when the scan starts: the code is shown on the scan screen.',
      details: [],
    };
  }
  const cloud = resolveCloud(entra.cloud ?? 'global', {});
  const signIn = createGraphSignIn({
    method: entra.auth,
    tenant: entra.tenant,
    cloud,
    ...(entra.clientId !== undefined ? { clientId: entra.clientId } : {}),
    ...(entra.certificatePath !== undefined ? { certificatePath: entra.certificatePath } : {}),
    env: entraEnv(entra, secrets),
  });
  const transport = new GraphTransport({
    baseUrl: cloud.graphBaseUrl,
    credential: signIn.credential,
    scopes: signIn.scopes,
  });
  await transport.signIn(signal);
  const response = await transport.send('GET', 'v1.0/organization?$select=id,displayName', { signal });
  if (response.status !== 200) {
    return {
      ok: false,
      message: `Signed in (${signIn.describe}), but reading the organization answered HTTP ${response.status}`,
      details: ['Check that Organization.Read.All (or Directory.Read.All) is granted and consented.'],
    };
  }
  const body = JSON.parse(response.text) as { value?: { id?: string; displayName?: string }[] };
  const org = body.value?.[0];
  return {
    ok: true,
    message: `Signed in to ${org?.displayName ?? entra.tenant} (${signIn.describe})`,
    details: org?.id ? [`Tenant ${org.id}`] : [],
  };
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
