import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../model/inventory';
import { generateDemo, writeDemoFiles, type DemoTenant } from '../../../collectors/demo';
import { arr, obj, objs, str } from './raw';

const NOW = '2025-11-20T12:00:00Z';
let dir = '';
let tenant: DemoTenant;
let written: { awsDir: string; entraDir: string; files: number };
let files: string[] = [];

async function list(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(relative(root, p).split(sep).join('/'));
    }
  };
  await walk(root);
  return out.sort();
}

async function json(path: string): Promise<JsonValue> {
  return JSON.parse(await readFile(join(dir, path), 'utf8')) as JsonValue;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'demo-layout-'));
  // Large enough that prod's authorization details and the service principal list span pages.
  tenant = generateDemo({ seed: 4, size: 5000, now: NOW });
  written = await writeDemoFiles(dir, tenant);
  files = await list(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('demo folder layout (docs/import-formats.md)', () => {
  it('writes one folder per AWS account and one Graph folder, and counts its files', () => {
    expect(written.awsDir).toBe(join(dir, 'aws'));
    expect(written.entraDir).toBe(join(dir, 'entra'));
    expect(files).toHaveLength(written.files);
    expect(files.every((f) => f.startsWith('aws/') || f.startsWith('entra/'))).toBe(true);
    const accounts = new Set(files.filter((f) => f.startsWith('aws/')).map((f) => f.split('/')[1]));
    expect([...accounts].sort()).toEqual(Object.keys(tenant.aws).sort());
  });

  it('gives every account the documented files', () => {
    for (const id of Object.keys(tenant.aws)) {
      const own = files.filter((f) => f.startsWith(`aws/${id}/`)).map((f) => f.slice(`aws/${id}/`.length));
      for (const name of [
        'credential-report.csv',
        'service-specific-credentials.json',
        'bedrock-agents.json',
        'agentcore-runtimes.json',
        'lambda-functions.json',
      ]) {
        expect(own, `${id} ${name}`).toContain(name);
      }
      const details = own.filter((f) => f.startsWith('account-authorization-details'));
      const single = details.length === 1 && details[0] === 'account-authorization-details.json';
      const paged =
        details.length > 1 &&
        details.every((f, i, a) => a.includes(`account-authorization-details.${i + 1}.json`));
      expect(single || paged, details.join(' ')).toBe(true);
    }
  });

  it('pages authorization details at 1000 entries with IsTruncated and Marker, losing nothing', async () => {
    let pagedAccounts = 0;
    for (const [id, f] of Object.entries(tenant.aws)) {
      const names = files.filter(
        (x) =>
          x.startsWith(`aws/${id}/account-authorization-details.`) &&
          x !== `aws/${id}/account-authorization-details.json`,
      );
      if (names.length === 0) continue;
      pagedAccounts++;
      const merged: Record<string, JsonValue[]> = {
        UserDetailList: [],
        GroupDetailList: [],
        RoleDetailList: [],
        Policies: [],
      };
      for (let i = 1; i <= names.length; i++) {
        const page = obj(await json(`aws/${id}/account-authorization-details.${i}.json`));
        let entries = 0;
        for (const k of Object.keys(merged)) {
          entries += arr(page[k]).length;
          merged[k]?.push(...arr(page[k]));
        }
        expect(entries).toBeLessThanOrEqual(1000);
        const last = i === names.length;
        expect(page.IsTruncated).toBe(!last);
        if (!last) {
          expect(entries).toBe(1000);
          expect(typeof page.Marker).toBe('string');
        } else expect(page.Marker).toBeUndefined();
      }
      const d = f['account-authorization-details.json'];
      expect(merged.RoleDetailList).toEqual(d.RoleDetailList);
      expect(merged.UserDetailList).toEqual(d.UserDetailList);
      expect(merged.GroupDetailList).toEqual(d.GroupDetailList);
      expect(merged.Policies).toEqual(d.Policies);
    }
    expect(pagedAccounts).toBeGreaterThanOrEqual(1);
  });

  it('writes Graph responses as {"value": [...]} files named after request paths, paged at 999', async () => {
    const entraFiles = files.filter((f) => f.startsWith('entra/'));
    for (const required of ['v1.0/organization', 'v1.0/servicePrincipals', 'v1.0/applications']) {
      expect(entraFiles).toContain(`entra/${required}.json`);
    }
    for (const [path, body] of Object.entries(tenant.entra)) {
      const pages = [`entra/${path}.json`];
      for (let n = 2; entraFiles.includes(`entra/${path}.${n}.json`); n++)
        pages.push(`entra/${path}.${n}.json`);
      const values: JsonValue[] = [];
      for (const [i, p] of pages.entries()) {
        const page = obj(await json(p));
        const v = arr(page.value);
        expect(v.length).toBeLessThanOrEqual(999);
        if (i < pages.length - 1) {
          expect(v.length).toBe(999);
          expect(str(page['@odata.nextLink'])).toMatch(/^https:\/\/graph\.microsoft\.com\//);
        }
        values.push(...v);
      }
      expect(values.length, path).toBe(body.value.length);
    }
    expect(entraFiles).toContain('entra/v1.0/servicePrincipals.2.json');
  });

  it('writes per-object Graph files under the object id', () => {
    const apps = tenant.entra['v1.0/applications']?.value ?? [];
    const app = apps[0];
    expect(files).toContain(`entra/v1.0/applications/${str(app?.id)}/owners.json`);
    expect(files).toContain(`entra/v1.0/applications/${str(app?.id)}/federatedIdentityCredentials.json`);
    const agent = objs(tenant.entra['beta/servicePrincipals/microsoft.graph.agentIdentity']?.value)[0];
    expect(files).toContain(
      `entra/beta/servicePrincipals/${str(agent?.id)}/microsoft.graph.agentIdentity/sponsors.json`,
    );
  });

  it('writes compact JSON and the credential report verbatim', async () => {
    const sp = await readFile(join(dir, 'entra/v1.0/organization.json'), 'utf8');
    expect(sp).not.toContain('\n');
    const [id, f] = Object.entries(tenant.aws)[0] ?? ['', undefined];
    expect(await readFile(join(dir, 'aws', id, 'credential-report.csv'), 'utf8')).toBe(
      f?.['credential-report.csv'],
    );
  });
});
