/**
 * Where a scan's credentials come from: the SDK's own providers (the default chain: environment
 * keys, shared config, SSO, web identity, instance roles; or a named profile, SSO profiles
 * included), explicit values (the demo, tests), and sessions of roles assumed through STS with the
 * scan's own guarded client, so a denied AssumeRole names the account and the role.
 */
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsClientFactory, AwsCredentials, AwsCredentialValues } from './clients';
import { classifyAwsError, type CallSite } from './errors';
import type { ScanRuntime } from './runtime';

export interface AwsCredentialSource {
  /** A named profile of ~/.aws/config and ~/.aws/credentials (SSO profiles included). */
  profile?: string;
  /** Explicit credentials; otherwise the profile or the SDK's default chain. */
  credentials?: AwsCredentials;
}

export function baseCredentials(source: AwsCredentialSource): AwsCredentials {
  if (source.credentials) return source.credentials;
  if (source.profile) return fromIni({ profile: source.profile });
  return fromNodeProviderChain();
}

/** Refresh a session this long before it expires. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const SESSION_SECONDS = 3600;

export interface AssumedRole {
  roleArn: string;
  externalId?: string;
  sessionName: string;
}

function sessionOf(out: {
  Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date };
}): AwsCredentialValues {
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('AssumeRole answered without credentials');
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
    ...(c.Expiration ? { expiration: c.Expiration } : {}),
  };
}

/**
 * Assumes `role` once now (through the limit, so failures surface as this account's error) and
 * returns a provider that renews the session near its expiry. Renewals run outside the limit:
 * they happen inside a call that already holds a slot, and waiting for another would deadlock.
 */
export async function assumeRole(
  runtime: ScanRuntime,
  clients: AwsClientFactory,
  via: { scope: string; region: string; credentials: AwsCredentials },
  role: AssumedRole,
  site: CallSite,
): Promise<() => Promise<AwsCredentialValues>> {
  const sts = clients.client('sts', via.scope, via.region, via.credentials);
  const input = {
    RoleArn: role.roleArn,
    RoleSessionName: role.sessionName,
    DurationSeconds: SESSION_SECONDS,
    ...(role.externalId ? { ExternalId: role.externalId } : {}),
  };
  let current = sessionOf(await runtime.call(site, (o) => sts.send(new AssumeRoleCommand(input), o), true));
  let renewing: Promise<AwsCredentialValues> | undefined;
  return async () => {
    const expires = current.expiration?.getTime();
    if (expires === undefined || expires - Date.now() > REFRESH_MARGIN_MS) return current;
    renewing ??= sts
      .send(new AssumeRoleCommand(input), runtime.signal ? { abortSignal: runtime.signal } : {})
      .then((out) => {
        runtime.calls += 1;
        current = sessionOf(out);
        return current;
      })
      .catch((e: unknown) => {
        throw classifyAwsError(e, site);
      })
      .finally(() => {
        renewing = undefined;
      });
    return renewing;
  };
}
