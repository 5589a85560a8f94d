/**
 * National clouds: where to sign in and where Microsoft Graph lives. Each cloud is its own world:
 * tokens from one are not accepted by another, and app role ids differ between them (the collector
 * resolves permission names from the tenant's own service principals, never from fixed ids).
 */
import { UsageError } from '../../../model/errors';

export const CLOUD_NAMES = ['global', 'usgov', 'usgov-dod', 'china'] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

export interface CloudEndpoints {
  name: CloudName;
  label: string;
  /** Microsoft Entra sign-in host (authority host). */
  authorityHost: string;
  /** Microsoft Graph root, without a version segment. */
  graphBaseUrl: string;
  /** The token audience for Graph in this cloud (`<resource>/.default`). */
  graphScope: string;
  /**
   * Microsoft documents the sign-in activity reports (`reports/servicePrincipalSignInActivities`,
   * `reports/appCredentialSignInActivities`) for the global service only.
   */
  signInReports: boolean;
}

export const CLOUDS: Readonly<Record<CloudName, CloudEndpoints>> = {
  global: {
    name: 'global',
    label: 'Microsoft Entra global service',
    authorityHost: 'https://login.microsoftonline.com',
    graphBaseUrl: 'https://graph.microsoft.com',
    graphScope: 'https://graph.microsoft.com/.default',
    signInReports: true,
  },
  usgov: {
    name: 'usgov',
    label: 'US Government L4 (GCC High)',
    authorityHost: 'https://login.microsoftonline.us',
    graphBaseUrl: 'https://graph.microsoft.us',
    graphScope: 'https://graph.microsoft.us/.default',
    signInReports: false,
  },
  'usgov-dod': {
    name: 'usgov-dod',
    label: 'US Government L5 (DoD)',
    authorityHost: 'https://login.microsoftonline.us',
    graphBaseUrl: 'https://dod-graph.microsoft.us',
    graphScope: 'https://dod-graph.microsoft.us/.default',
    signInReports: false,
  },
  china: {
    name: 'china',
    label: 'Microsoft Azure operated by 21Vianet',
    authorityHost: 'https://login.chinacloudapi.cn',
    graphBaseUrl: 'https://microsoftgraph.chinacloudapi.cn',
    graphScope: 'https://microsoftgraph.chinacloudapi.cn/.default',
    signInReports: false,
  },
};

export function isCloudName(value: string): value is CloudName {
  return (CLOUD_NAMES as readonly string[]).includes(value);
}

/** A base URL as given (`--graph-url`, `--authority-host`): absolute http(s), no query, no trailing slash. */
export function normalizeBaseUrl(value: string, option: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `${option} must be an absolute URL such as https://graph.microsoft.com, got ${value}`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UsageError(`${option} must be an http or https URL, got ${value}`);
  if (url.search || url.hash || url.username || url.password)
    throw new UsageError(`${option} must not carry a query, fragment or user name: ${value}`);
  // A version segment belongs to each request, not to the root.
  const path = url.pathname.replace(/\/+$/, '').replace(/\/(v1\.0|beta)$/i, '');
  return `${url.origin}${path}`;
}

export interface ResolvedCloud extends CloudEndpoints {
  /** True when --graph-url or --authority-host points somewhere else (a test server, a proxy). */
  overridden: boolean;
}

export function resolveCloud(
  name: CloudName = 'global',
  overrides: { graphUrl?: string; authorityHost?: string } = {},
): ResolvedCloud {
  const base = CLOUDS[name];
  const graphBaseUrl = overrides.graphUrl
    ? normalizeBaseUrl(overrides.graphUrl, '--graph-url')
    : base.graphBaseUrl;
  const authorityHost = overrides.authorityHost
    ? normalizeBaseUrl(overrides.authorityHost, '--authority-host')
    : base.authorityHost;
  return {
    ...base,
    graphBaseUrl,
    authorityHost,
    overridden: graphBaseUrl !== base.graphBaseUrl || authorityHost !== base.authorityHost,
  };
}
