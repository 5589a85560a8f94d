/**
 * Option checks of `scan --entra` and the sign-in set-up: secrets only from the environment, clear
 * reasons for every missing or wrong value, national clouds with their own hosts.
 */
import { describe, expect, it } from 'vitest';
import { entraOptions } from '../../../cli/commands/scan-entra-options';
import {
  CLOUDS,
  createGraphSignIn,
  DEFAULT_PUBLIC_CLIENT_ID,
  resolveCloud,
  StaticTokenCredential,
} from '../../../collectors/entra/live';
import { UsageError } from '../../../model/errors';

describe('entraOptions (the CLI flags)', () => {
  it.each([
    [{ tenant: 'contoso.onmicrosoft.com' }, '--tenant needs --entra'],
    [{ saveRaw: '/tmp/x' }, '--save-raw needs --entra'],
    [{ entra: true, entraAuth: 'token' }, '--entra needs --tenant'],
    [{ entra: true, tenant: 'contoso.com' }, '--entra needs --entra-auth'],
    [
      { entra: true, tenant: 'contoso.com', entraAuth: 'password' },
      '--entra-auth must be one of browser, device-code',
    ],
    [
      { entra: true, tenant: 'contoso.com', entraAuth: 'token', cloud: 'germany' },
      '--cloud must be one of global, usgov, usgov-dod, china',
    ],
    [
      { entra: true, tenant: 'contoso.com', entraAuth: 'token', certificate: 'c.pem' },
      '--certificate needs --entra-auth certificate',
    ],
    [
      { entra: true, tenant: 'contoso.com', entraAuth: 'token', graphUrl: 'graph.example' },
      '--graph-url must be an absolute URL',
    ],
    [
      { entra: true, tenant: 'contoso.com', entraAuth: 'token', authorityHost: 'ftp://login.example' },
      '--authority-host must be an http or https URL',
    ],
  ])('refuses %j', (opts, message) => {
    expect(() => entraOptions(opts)).toThrow(UsageError);
    expect(() => entraOptions(opts)).toThrow(message);
  });

  it('passes the options on, and no secret is among them', () => {
    const o = entraOptions({
      entra: true,
      tenant: 'contoso.onmicrosoft.com',
      entraAuth: 'certificate',
      clientId: '11111111-2222-3333-4444-555555555555',
      certificate: '/secure/app.pem',
      cloud: 'usgov',
      saveRaw: '/tmp/raw',
    });
    expect(o).toMatchObject({
      tenant: 'contoso.onmicrosoft.com',
      auth: 'certificate',
      clientId: '11111111-2222-3333-4444-555555555555',
      certificatePath: '/secure/app.pem',
      cloud: 'usgov',
      saveRawDir: '/tmp/raw',
    });
    expect(entraOptions({})).toBeUndefined();
  });
});

describe('createGraphSignIn', () => {
  const cloud = resolveCloud('global');

  it('reads the supplied token from AGENT_ANCHOR_GRAPH_TOKEN only', async () => {
    expect(() => createGraphSignIn({ method: 'token', tenant: 'contoso.com', cloud, env: {} })).toThrow(
      'reads the access token from the environment variable AGENT_ANCHOR_GRAPH_TOKEN, which is not set',
    );
    const s = createGraphSignIn({
      method: 'token',
      tenant: 'contoso.com',
      cloud,
      env: { AGENT_ANCHOR_GRAPH_TOKEN: ' abc \n' },
    });
    expect(s.credential).toBeInstanceOf(StaticTokenCredential);
    await expect(s.credential.getToken('x')).resolves.toMatchObject({ token: 'abc' });
    expect(s.describe).not.toContain('abc');
  });

  it('reads a client secret from AZURE_CLIENT_SECRET and needs a client id', () => {
    const base = { method: 'client-secret' as const, tenant: 'contoso.com', cloud };
    expect(() => createGraphSignIn({ ...base, env: { AZURE_CLIENT_SECRET: 's' } })).toThrow(
      'needs --client-id',
    );
    expect(() =>
      createGraphSignIn({ ...base, clientId: '11111111-2222-3333-4444-555555555555', env: {} }),
    ).toThrow('reads the secret from the environment variable AZURE_CLIENT_SECRET');
    const s = createGraphSignIn({
      ...base,
      env: { AZURE_CLIENT_SECRET: 'do-not-print', AZURE_CLIENT_ID: '11111111-2222-3333-4444-555555555555' },
    });
    expect(s.scopes).toEqual(['https://graph.microsoft.com/.default']);
    expect(s.describe).toBe('client secret of app 11111111-2222-3333-4444-555555555555');
  });

  it('asks delegated sign-ins for the read permissions by name, with the Graph command line tools client', () => {
    const s = createGraphSignIn({
      method: 'device-code',
      tenant: 'contoso.com',
      cloud: resolveCloud('china'),
      env: {},
    });
    expect(s.scopes).toContain('https://microsoftgraph.chinacloudapi.cn/Application.Read.All');
    expect(s.scopes).toContain('https://microsoftgraph.chinacloudapi.cn/AuditLog.Read.All');
    expect(s.scopes.every((x) => !/ReadWrite/.test(x))).toBe(true);
    expect(s.describe).toContain(DEFAULT_PUBLIC_CLIENT_ID);
  });

  it('refuses --client-id where the app is not ours to choose, but not AZURE_CLIENT_ID set for other tools', () => {
    const app = '11111111-2222-3333-4444-555555555555';
    const base = { tenant: 'contoso.com', cloud };
    expect(() => createGraphSignIn({ ...base, method: 'azure-cli', clientId: app, env: {} })).toThrow(
      '--client-id does not apply to --entra-auth azure-cli: the Azure CLI signs in with its own app',
    );
    expect(() =>
      createGraphSignIn({
        ...base,
        method: 'token',
        clientId: app,
        env: { AGENT_ANCHOR_GRAPH_TOKEN: 't' },
      }),
    ).toThrow('--client-id does not apply to --entra-auth token');
    expect(createGraphSignIn({ ...base, method: 'azure-cli', env: { AZURE_CLIENT_ID: app } }).describe).toBe(
      'Azure CLI sign-in',
    );
  });

  it('refuses a tenant or client id that is not one', () => {
    expect(() =>
      createGraphSignIn({ method: 'azure-cli', tenant: 'contoso.com/../x', cloud, env: {} }),
    ).toThrow('--tenant');
    expect(() =>
      createGraphSignIn({ method: 'browser', tenant: 'contoso.com', clientId: 'my-app', cloud, env: {} }),
    ).toThrow('--client-id must be an application (client) id');
  });
});

describe('national clouds', () => {
  it('each cloud has its own sign-in host, Graph root and token audience', () => {
    expect(resolveCloud('usgov')).toMatchObject({
      authorityHost: 'https://login.microsoftonline.us',
      graphBaseUrl: 'https://graph.microsoft.us',
      graphScope: 'https://graph.microsoft.us/.default',
      signInReports: false,
      overridden: false,
    });
    expect(resolveCloud('usgov-dod').graphBaseUrl).toBe('https://dod-graph.microsoft.us');
    expect(resolveCloud('china').authorityHost).toBe('https://login.chinacloudapi.cn');
    expect(CLOUDS.global.signInReports).toBe(true);
  });

  it('--graph-url and --authority-host override them, without a version segment', () => {
    const c = resolveCloud('usgov', {
      graphUrl: 'http://127.0.0.1:8443/v1.0/',
      authorityHost: 'https://login.test/',
    });
    expect(c).toMatchObject({
      graphBaseUrl: 'http://127.0.0.1:8443',
      authorityHost: 'https://login.test',
      graphScope: 'https://graph.microsoft.us/.default',
      overridden: true,
    });
  });
});
