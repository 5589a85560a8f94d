/**
 * Sign-in for the live collector with @azure/identity. Secrets never come from command-line
 * values (they would land in shell history and process lists): a client secret is read from
 * AZURE_CLIENT_SECRET, a supplied access token from AGENT_ANCHOR_GRAPH_TOKEN, a certificate from
 * a PEM file whose path is given (its password, if any, from AZURE_CLIENT_CERTIFICATE_PASSWORD).
 * Nothing here logs or stores a secret value.
 */
import {
  AzureCliCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  DeviceCodeCredential,
  InteractiveBrowserCredential,
  type AccessToken,
  type TokenCredential,
} from '@azure/identity';
import { ENTRA_OWN_APP_AUTHS } from '../../../model/api-limits';
import { UsageError } from '../../../model/errors';
import type { ResolvedCloud } from './clouds';
import { GRAPH_PERMISSIONS } from './permissions';

export const ENTRA_AUTH_METHODS = [
  'browser',
  'device-code',
  'client-secret',
  'certificate',
  'azure-cli',
  'token',
] as const;
export type EntraAuthMethod = (typeof ENTRA_AUTH_METHODS)[number];

export function isEntraAuthMethod(value: string): value is EntraAuthMethod {
  return (ENTRA_AUTH_METHODS as readonly string[]).includes(value);
}

/** Environment variables the collector reads secrets from. */
export const SECRET_ENV = {
  clientSecret: 'AZURE_CLIENT_SECRET',
  token: 'AGENT_ANCHOR_GRAPH_TOKEN',
  certificatePassword: 'AZURE_CLIENT_CERTIFICATE_PASSWORD',
  clientId: 'AZURE_CLIENT_ID',
  certificatePath: 'AZURE_CLIENT_CERTIFICATE_PATH',
} as const;

/**
 * Public client for delegated sign-in (browser, device code) when no --client-id is given:
 * "Microsoft Graph Command Line Tools", the app Connect-MgGraph uses, so consent works the same
 * way as for the offline export script.
 */
export const DEFAULT_PUBLIC_CLIENT_ID = '14d82eec-204b-4c2f-b7e8-296a70dab67e';

export interface DeviceCodePrompt {
  userCode: string;
  verificationUri: string;
  message: string;
}

export interface EntraAuthOptions {
  method: EntraAuthMethod;
  /** Tenant id or verified domain. */
  tenant: string;
  clientId?: string;
  certificatePath?: string;
  cloud: ResolvedCloud;
  /** Where secrets are read from; process.env unless a test passes its own. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Shows the device code to the user (device-code sign-in). */
  onDeviceCode?: (prompt: DeviceCodePrompt) => void;
}

export interface GraphSignIn {
  credential: TokenCredential;
  /** Scopes to ask for: `.default` for app-only and CLI tokens, the listed permissions for delegated sign-in. */
  scopes: string[];
  /** For the scan's source label, never a secret: method and client id. */
  describe: string;
}

/** An access token the user supplies; `exp` is read from the JWT when it is one. */
export class StaticTokenCredential implements TokenCredential {
  private readonly expiresOnTimestamp: number;
  constructor(private readonly token: string) {
    this.expiresOnTimestamp = jwtExpiry(token) ?? Date.now() + 3_600_000;
  }
  async getToken(): Promise<AccessToken> {
    return { token: this.token, expiresOnTimestamp: this.expiresOnTimestamp };
  }
}

function jwtExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

const TENANT = /^[A-Za-z0-9.-]{1,256}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function delegatedScopes(cloud: ResolvedCloud): string[] {
  const resource = cloud.graphScope.replace(/\/\.default$/, '');
  return GRAPH_PERMISSIONS.filter((p) => p.permission !== 'AgentIdentity.Read.All').map(
    (p) => `${resource}/${p.permission}`,
  );
}

export function createGraphSignIn(opts: EntraAuthOptions): GraphSignIn {
  const env = opts.env ?? process.env;
  if (!TENANT.test(opts.tenant))
    throw new UsageError(
      `--tenant must be a tenant id or domain such as contoso.onmicrosoft.com, got ${opts.tenant}`,
    );
  const clientId = opts.clientId ?? env[SECRET_ENV.clientId];
  if (clientId !== undefined && !GUID.test(clientId))
    throw new UsageError(`--client-id must be an application (client) id, a GUID; got ${clientId}`);
  const common = {
    authorityHost: opts.cloud.authorityHost,
    // A custom authority host (a test server) is not in Microsoft's instance metadata.
    ...(opts.cloud.overridden ? { disableInstanceDiscovery: true } : {}),
  };
  const appOnly = [opts.cloud.graphScope];
  // These sign in with an app that is not ours to name: an explicit --client-id would be ignored.
  // (AZURE_CLIENT_ID in the environment may be there for other tools: not an error.)
  if (opts.clientId !== undefined && ENTRA_OWN_APP_AUTHS.has(opts.method)) {
    throw new UsageError(
      opts.method === 'azure-cli'
        ? '--client-id does not apply to --entra-auth azure-cli: the Azure CLI signs in with its own app; to sign in with your app use --entra-auth browser or device-code'
        : '--client-id does not apply to --entra-auth token: the token was issued to whichever app requested it',
    );
  }
  switch (opts.method) {
    case 'token': {
      const token = env[SECRET_ENV.token];
      if (!token)
        throw new UsageError(
          `--entra-auth token reads the access token from the environment variable ${SECRET_ENV.token}, which is not set`,
        );
      return {
        credential: new StaticTokenCredential(token.trim()),
        scopes: appOnly,
        describe: 'supplied access token',
      };
    }
    case 'client-secret': {
      const secret = env[SECRET_ENV.clientSecret];
      if (!clientId)
        throw new UsageError('--entra-auth client-secret needs --client-id (or AZURE_CLIENT_ID)');
      if (!secret)
        throw new UsageError(
          `--entra-auth client-secret reads the secret from the environment variable ${SECRET_ENV.clientSecret}, which is not set`,
        );
      return {
        credential: new ClientSecretCredential(opts.tenant, clientId, secret, common),
        scopes: appOnly,
        describe: `client secret of app ${clientId}`,
      };
    }
    case 'certificate': {
      const certificatePath = opts.certificatePath ?? env[SECRET_ENV.certificatePath];
      if (!clientId) throw new UsageError('--entra-auth certificate needs --client-id (or AZURE_CLIENT_ID)');
      if (!certificatePath)
        throw new UsageError(
          '--entra-auth certificate needs --certificate FILE (a PEM file holding the certificate and its private key)',
        );
      const password = env[SECRET_ENV.certificatePassword];
      return {
        credential: new ClientCertificateCredential(
          opts.tenant,
          clientId,
          { certificatePath, ...(password ? { certificatePassword: password } : {}) },
          common,
        ),
        scopes: appOnly,
        describe: `certificate of app ${clientId}`,
      };
    }
    case 'azure-cli':
      return {
        credential: new AzureCliCredential({ tenantId: opts.tenant }),
        scopes: appOnly,
        describe: 'Azure CLI sign-in',
      };
    case 'device-code': {
      const onDeviceCode = opts.onDeviceCode;
      return {
        credential: new DeviceCodeCredential({
          ...common,
          tenantId: opts.tenant,
          clientId: clientId ?? DEFAULT_PUBLIC_CLIENT_ID,
          userPromptCallback: (info) =>
            onDeviceCode?.({
              userCode: info.userCode,
              verificationUri: info.verificationUri,
              message: info.message,
            }),
        }),
        scopes: delegatedScopes(opts.cloud),
        describe: `device code sign-in (client ${clientId ?? DEFAULT_PUBLIC_CLIENT_ID})`,
      };
    }
    case 'browser':
      return {
        credential: new InteractiveBrowserCredential({
          ...common,
          tenantId: opts.tenant,
          clientId: clientId ?? DEFAULT_PUBLIC_CLIENT_ID,
        }),
        scopes: delegatedScopes(opts.cloud),
        describe: `browser sign-in (client ${clientId ?? DEFAULT_PUBLIC_CLIENT_ID})`,
      };
  }
}
