/**
 * Microsoft's own documentation samples (test/fixtures/entra/graph-samples) against the raw
 * schemas: every sample of a shape the import reads parses, and the transform copes with their
 * quirks (placeholders, `-8:00` offsets, null servicePrincipalType, shortened objects).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  appCredentialSignInActivitySchema,
  applicationSchema,
  appRoleAssignmentSchema,
  directoryObjectSchema,
  federatedIdentityCredentialSchema,
  oauth2PermissionGrantSchema,
  passwordCredentialSchema,
  roleAssignmentSchema,
  servicePrincipalSchema,
  servicePrincipalSignInActivitySchema,
  transformEntraTenant,
} from '../../../collectors/entra';
import { parseItems } from '../../../collectors/entra/parse-raw';
import { parseJsonText } from '../../../collectors/import/json-file';
import { InputError } from '../../../model/errors';
import { inventorySchema, type Source } from '../../../model/inventory';

const SAMPLES = fileURLToPath(new URL('../../fixtures/entra/graph-samples', import.meta.url));

/** Which schema each sample answers to; `list` samples are `{ value: [...] }`. */
const SHAPES: Record<string, { schema: z.ZodType; list: boolean }> = {
  'contrib/beta_agentidentity-list_ex1.json': { schema: servicePrincipalSchema, list: true },
  'contrib/beta_agentidentityblueprint-list_ex1.json': { schema: applicationSchema, list: true },
  'contrib/beta_reportroot-list-appcredentialsigninactivities_ex1.json': {
    schema: appCredentialSignInActivitySchema,
    list: true,
  },
  'contrib/beta_reportroot-list-appcredentialsigninactivities_ex2.json': {
    schema: appCredentialSignInActivitySchema,
    list: false,
  },
  'contrib/beta_reportroot-list-serviceprincipalsigninactivities_ex1.json': {
    schema: servicePrincipalSignInActivitySchema,
    list: true,
  },
  'contrib/v1_0_application-addpassword_response_passwordCredential.json': {
    schema: passwordCredentialSchema,
    list: false,
  },
  'contrib/v1_0_application-list-federatedidentitycredentials_ex1.json': {
    schema: federatedIdentityCredentialSchema,
    list: true,
  },
  'contrib/v1_0_oauth2permissiongrant-list_ex1.json': { schema: oauth2PermissionGrantSchema, list: true },
  'contrib/v1_0_rbacapplication-list-roleassignments_ex2.json': { schema: roleAssignmentSchema, list: true },
  'contrib/v1_0_serviceprincipal-get_ex1.json': { schema: servicePrincipalSchema, list: false },
  'contrib/v1_0_serviceprincipal-get_ex2_msgraph_approles.json': {
    schema: servicePrincipalSchema,
    list: false,
  },
  'graphdocs2021/beta_application-get_ex1.json': { schema: applicationSchema, list: false },
  'graphdocs2021/beta_rbacapplication-list-roleassignments_ex2.json': {
    schema: roleAssignmentSchema,
    list: true,
  },
  'graphdocs2021/beta_serviceprincipal-get_ex1.json': { schema: servicePrincipalSchema, list: false },
  'graphdocs2021/v1_0_application-list-owners_ex1.json': { schema: directoryObjectSchema, list: true },
  'graphdocs2021/v1_0_oauth2permissiongrant-list_ex1.json': {
    schema: oauth2PermissionGrantSchema,
    list: true,
  },
  'graphdocs2021/v1_0_serviceprincipal-list-approleassignedto_ex1.json': {
    schema: appRoleAssignmentSchema,
    list: true,
  },
  'graphdocs2021/v1_0_serviceprincipal-list-approleassignments_ex1.json': {
    schema: appRoleAssignmentSchema,
    list: true,
  },
  'graphdocs2021/v1_0_serviceprincipal-list-oauth2permissiongrants_ex1.json': {
    schema: oauth2PermissionGrantSchema,
    list: true,
  },
  'graphdocs2021/v1_0_serviceprincipal-list-owners_ex1.json': { schema: directoryObjectSchema, list: true },
};

/** Samples Microsoft shortened so far that the object id is gone: the import needs it, and says so. */
const WITHOUT_ID: Record<string, z.ZodType> = {
  'graphdocs2021/v1_0_application-list_ex1.json': applicationSchema,
  'graphdocs2021/v1_0_application-list_ex2.json': applicationSchema,
  'graphdocs2021/v1_0_application-list_ex3.json': applicationSchema,
  'graphdocs2021/v1_0_serviceprincipal-list_ex1.json': servicePrincipalSchema,
  'graphdocs2021/v1_0_serviceprincipal-list_ex2.json': servicePrincipalSchema,
  'graphdocs2021/v1_0_serviceprincipal-list_ex3.json': servicePrincipalSchema,
};

/** Group memberships: a shape the import does not read. */
const NOT_READ = [
  'graphdocs2021/beta_serviceprincipal-list-memberof_ex2.json',
  'graphdocs2021/beta_serviceprincipal-list-memberof_ex3.json',
];

async function sample(rel: string): Promise<unknown> {
  return parseJsonText(await readFile(join(SAMPLES, rel), 'utf8'), rel, 'a Graph JSON response');
}

function items(doc: unknown, list: boolean): unknown[] {
  if (!list) return [doc];
  return (doc as { value: unknown[] }).value;
}

describe('Microsoft Graph documentation samples', () => {
  it('are all accounted for', async () => {
    const files: string[] = [];
    for (const folder of ['contrib', 'graphdocs2021']) {
      for (const name of await readdir(join(SAMPLES, folder))) files.push(`${folder}/${name}`);
    }
    const known = [...Object.keys(SHAPES), ...Object.keys(WITHOUT_ID), ...NOT_READ];
    const invalid = files.filter((f) => f.endsWith('.invalid-json.txt'));
    expect(files.filter((f) => !known.includes(f) && !invalid.includes(f))).toEqual([]);
    expect(invalid).toHaveLength(2);
  });

  it.each(Object.entries(SHAPES))('%s parses with its schema', async (rel, { schema, list }) => {
    const parsed = parseItems(schema, items(await sample(rel), list), rel);
    expect(parsed.length).toBeGreaterThan(0);
  });

  it.each(Object.entries(WITHOUT_ID))('%s is rejected for its missing id', async (rel, schema) => {
    const list = items(await sample(rel), true);
    expect(() => parseItems(schema, list, rel)).toThrow(`${rel}: value[0].id: missing (expected string)`);
  });

  it('drops secretText and hint from the addPassword response', async () => {
    const doc = await sample('contrib/v1_0_application-addpassword_response_passwordCredential.json');
    expect(doc).toHaveProperty('secretText');
    const [credential] = parseItems(passwordCredentialSchema, [doc], 'addPassword');
    expect(credential).toEqual({
      customKeyIdentifier: null,
      endDateTime: '2021-09-09T19:50:29.3086381Z',
      keyId: 'f0b0b335-1d71-4883-8f98-567911bfdca6',
      startDateTime: '2019-09-09T19:50:29.3086381Z',
      displayName: 'Password friendly name',
    });
  });

  it('reports the invalid samples with line and column', async () => {
    for (const rel of [
      'graphdocs2021/beta_rbacapplication-list-roleassignments_ex1.invalid-json.txt',
      'graphdocs2021/beta_serviceprincipal-list-memberof_ex1.invalid-json.txt',
    ]) {
      const err = await sample(rel).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).where).toMatch(/^line \d+, column \d+$/);
    }
    const err = (await sample('graphdocs2021/beta_serviceprincipal-list-memberof_ex1.invalid-json.txt').catch(
      (e: unknown) => e,
    )) as InputError;
    // The trailing comma after `"securityEnabled": true,` on line 11; the error is at the `}` on line 12.
    expect(err.where).toBe('line 12, column 5');
  });

  it('transform into an inventory: agent identity, blueprint, sign-in reports with -8:00 offsets', async () => {
    const agents = items(await sample('contrib/beta_agentidentity-list_ex1.json'), true);
    const blueprints = items(await sample('contrib/beta_agentidentityblueprint-list_ex1.json'), true);
    const spGet = await sample('contrib/v1_0_serviceprincipal-get_ex1.json');
    const graph = await sample('contrib/v1_0_serviceprincipal-get_ex2_msgraph_approles.json');
    const spReport = items(
      await sample('contrib/beta_reportroot-list-serviceprincipalsigninactivities_ex1.json'),
      true,
    );
    const source: Source = {
      id: 'entra:samples',
      provider: 'entra',
      method: 'import',
      account: '',
      label: 'samples',
      inputs: [],
    };
    const inv = transformEntraTenant(
      {
        'v1.0/organization': [{ id: '84841066-274d-4ec0-a5c1-276be684bdd3' }],
        'v1.0/servicePrincipals': [spGet, graph, ...agents],
        'v1.0/applications': blueprints,
        'beta/servicePrincipals/microsoft.graph.agentIdentity': agents,
        'beta/applications/microsoft.graph.agentIdentityBlueprint': blueprints,
        'beta/reports/servicePrincipalSignInActivities': [
          ...spReport,
          // The same row shape, for the app in this tenant.
          { ...(spReport[0] as object), appId: 'appId-value', lastSignInActivity: null },
        ],
        'v1.0/oauth2PermissionGrants': items(
          await sample('contrib/v1_0_oauth2permissiongrant-list_ex1.json'),
          true,
        ),
      },
      { source, collectedAt: '2021-06-01T00:00:00Z' },
    );
    expect(() => inventorySchema.parse(inv)).not.toThrow();
    expect(inv.sources[0]?.account).toBe('84841066-274d-4ec0-a5c1-276be684bdd3');
    const kinds = Object.fromEntries(inv.identities.map((i) => [i.name, i.kind]));
    expect(kinds).toMatchObject({
      'My Agent Identity': 'entra-agent-identity',
      'My Agent Blueprint': 'entra-agent-blueprint',
      'My app instance in tenant': 'entra-service-principal',
      'Microsoft Graph': 'entra-service-principal',
    });
    const app = inv.identities.find((i) => i.name === 'My app instance in tenant');
    // null servicePrincipalType stays unknown; the owner tenant is not this one.
    expect(app?.attributes.servicePrincipalType).toBeUndefined();
    expect(app?.attributes.multiTenant).toBe(true);
    // No lastSignInActivity: the latest per-type date, 2021-04-01T00:00:00-8:00.
    expect(inv.activities).toEqual([
      expect.objectContaining({ identityId: app?.id, lastUsedAt: '2021-04-01T08:00:00.000Z' }),
    ]);
    expect(inv.activities[0]?.attributes.delegatedClientSignInActivity).toBe('2021-01-01T08:00:00.000Z');
  });
});
