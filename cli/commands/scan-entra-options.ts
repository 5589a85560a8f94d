/**
 * The Entra options of `agent-anchor scan`. Secrets never come from option values (they would land
 * in shell history and process lists): a client secret is read from AZURE_CLIENT_SECRET, a supplied
 * access token from AGENT_ANCHOR_GRAPH_TOKEN, a certificate from the PEM file --certificate names
 * (its password, if any, from AZURE_CLIENT_CERTIFICATE_PASSWORD).
 */
import {
  CLOUD_NAMES,
  ENTRA_AUTH_METHODS,
  isCloudName,
  isEntraAuthMethod,
  normalizeBaseUrl,
  SECRET_ENV,
} from '../../collectors/entra/live';
import type { EntraScanOptions } from '../../engagement/scan-entra';
import { UsageError } from '../../model/errors';

export interface EntraCliOptions {
  entra?: boolean;
  tenant?: string;
  entraAuth?: string;
  clientId?: string;
  certificate?: string;
  cloud?: string;
  graphUrl?: string;
  authorityHost?: string;
  saveRaw?: string;
  concurrency?: number;
}

export const ENTRA_OPTION_HELP = {
  tenant: 'Entra tenant id or domain (with --entra)',
  auth: `sign-in: ${ENTRA_AUTH_METHODS.join(', ')}; client-secret reads ${SECRET_ENV.clientSecret}, token reads ${SECRET_ENV.token} (never pass secrets as arguments)`,
  clientId:
    'application (client) id: the app registration for client-secret/certificate, the public client for browser/device-code',
  certificate: `PEM file with the certificate and its private key (--entra-auth certificate; password from ${SECRET_ENV.certificatePassword})`,
  cloud: `national cloud: ${CLOUD_NAMES.join(', ')} (default global)`,
  graphUrl: "Microsoft Graph root override, e.g. a test server (default: the cloud's)",
  authorityHost: "sign-in host override (default: the cloud's)",
  saveRaw: 'also write the raw Graph responses to this new folder, in the format `import --entra-dir` reads',
};

/** Checks the Entra options together; undefined when --entra is not given. */
export function entraOptions(o: EntraCliOptions): EntraScanOptions | undefined {
  const flags: [string, unknown][] = [
    ['--tenant', o.tenant],
    ['--entra-auth', o.entraAuth],
    ['--client-id', o.clientId],
    ['--certificate', o.certificate],
    ['--cloud', o.cloud],
    ['--graph-url', o.graphUrl],
    ['--authority-host', o.authorityHost],
    ['--save-raw', o.saveRaw],
  ];
  if (!o.entra) {
    const given = flags.find(([, v]) => v !== undefined);
    if (given) throw new UsageError(`${given[0]} needs --entra`);
    return undefined;
  }
  if (!o.tenant) throw new UsageError('--entra needs --tenant (tenant id or domain)');
  if (!o.entraAuth) throw new UsageError(`--entra needs --entra-auth (${ENTRA_AUTH_METHODS.join(', ')})`);
  if (!isEntraAuthMethod(o.entraAuth))
    throw new UsageError(`--entra-auth must be one of ${ENTRA_AUTH_METHODS.join(', ')}, got ${o.entraAuth}`);
  if (o.cloud !== undefined && !isCloudName(o.cloud))
    throw new UsageError(`--cloud must be one of ${CLOUD_NAMES.join(', ')}, got ${o.cloud}`);
  if (o.certificate && o.entraAuth !== 'certificate')
    throw new UsageError('--certificate needs --entra-auth certificate');
  if (o.graphUrl) normalizeBaseUrl(o.graphUrl, '--graph-url');
  if (o.authorityHost) normalizeBaseUrl(o.authorityHost, '--authority-host');
  return {
    tenant: o.tenant,
    auth: o.entraAuth,
    ...(o.clientId ? { clientId: o.clientId } : {}),
    ...(o.certificate ? { certificatePath: o.certificate } : {}),
    ...(o.cloud && isCloudName(o.cloud) ? { cloud: o.cloud } : {}),
    ...(o.graphUrl ? { graphUrl: o.graphUrl } : {}),
    ...(o.authorityHost ? { authorityHost: o.authorityHost } : {}),
    ...(o.saveRaw ? { saveRawDir: o.saveRaw } : {}),
    ...(o.concurrency ? { concurrency: o.concurrency } : {}),
    // Device code sign-in: the code goes to stderr, where the user sees it and stdout stays clean.
    onDeviceCode: (prompt) => process.stderr.write(`\n${prompt.message}\n`),
  };
}
